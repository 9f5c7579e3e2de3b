import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PublicFeed } from '../../shared/src/schema/publication.js'
import { decide, publish } from '../helpers/log-tamper.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'

/** Anyone with a public link may read it, but not so often that the server works for nobody else. */
describe('the public record under load', () => {
  const readsPerMinute = 8
  let server: TestServer
  let site: Site
  let publicId: string

  const read = (path = '') => fetch(`${server.httpUrl}/api/public/${publicId}${path}`)

  beforeAll(async () => {
    server = await startServer({
      env: { RATE_LIMIT_PUBLIC_READS_PER_MINUTE: String(readsPerMinute) },
    })
    site = await Site.open(server)
    await decide({ server, site }, 'Clear the canals')
    publicId = new URL(await publish(server, site)).pathname.split('/').pop() as string
  })

  afterAll(async () => {
    await server?.stop()
    await removeDataDirs()
  })

  it('shows a new decision at once, though the feed is built once and served again', async () => {
    const titles = (feed: PublicFeed) =>
      feed.records.map((record) => (record.kind === 'decision' ? record.title : record.kind))
    const first = (await (await read()).json()) as PublicFeed
    const again = (await (await read()).json()) as PublicFeed
    expect(again).toEqual(first)
    expect(titles(first)).toEqual(['Clear the canals'])
    await decide({ server, site }, 'Warning sirens')
    const grown = (await (await read()).json()) as PublicFeed
    expect(titles(grown)).toEqual(['Clear the canals', 'Warning sirens'])
  })

  it('answers 429 with Retry-After past the limit per address, feed and log alike; members read on', async () => {
    // Three reads were made above; the log's endpoints count against the same limit.
    const allowed: number[] = []
    for (let index = 3; index < readsPerMinute; index += 1) {
      allowed.push((await read(index % 2 ? '/log/checkpoint' : '')).status)
    }
    expect(allowed.every((status) => status === 200)).toBe(true)
    const refused = await read()
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited')
    expect((await read('/log/key')).status).toBe(429)
    // Members reach the same records through their own routes, which this limit does not touch.
    const records = await fetch(`${server.httpUrl}/api/workspaces/${site.workspaceId}/records`, {
      headers: { authorization: `Bearer ${site.token}` },
    })
    expect(records.status).toBe(200)
  })
})
