import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Agreement } from '../../shared/src/schema/mediation.js'
import type { TestServer } from './server.js'

/** The parts of a public feed a lie rewrites. */
export type LyingFeed = {
  agreements: (Agreement & { logCheck: unknown })[]
  followUp: { status: string }[]
}

/**
 * A proxy in front of a real server standing in for a server whose code was changed: it passes
 * everything through (the page, its scripts, the signed log) untouched, and rewrites the public
 * feed with `state.lie`.
 */
export const startLyingFeedProxy = async (server: Pick<TestServer, 'httpUrl'>) => {
  const state: { lie: (feed: LyingFeed) => void } = { lie: () => {} }
  const proxy = createServer(async (request, response) => {
    const upstream = await fetch(`${server.httpUrl}${request.url}`)
    let body = await upstream.text()
    if (/^\/api\/public\/[^/]+$/.test(request.url ?? '')) {
      const feed = JSON.parse(body) as LyingFeed
      state.lie(feed)
      body = JSON.stringify(feed)
    }
    response.writeHead(upstream.status, {
      'content-type': upstream.headers.get('content-type') ?? 'text/plain',
    })
    response.end(body)
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const { port } = proxy.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    close: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
  }
}
