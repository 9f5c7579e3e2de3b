import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { get } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorBody } from '../../shared/src/errors.js'
import { makeDataDir, removeDataDirs, startServer, type TestServer } from '../helpers/server.js'

const builtClient = fileURLToPath(new URL('../../client/dist', import.meta.url))
const year = 'public, max-age=31536000, immutable'

interface RawAnswer {
  status: number
  headers: Record<string, string | string[] | undefined>
  /** The bytes on the wire, not decoded (fetch would decode them). */
  body: Buffer
}

const raw = (url: string, headers: Record<string, string> = {}): Promise<RawAnswer> =>
  new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      )
    }).on('error', reject)
  })

describe('serving the built client', () => {
  let server: TestServer
  let entry: string
  let entryBytes: Buffer
  beforeAll(async () => {
    // A copy of the real build, with what a careless deploy might leave beside it.
    const clientDir = makeDataDir()
    cpSync(builtClient, clientDir, { recursive: true })
    entry = /src="(\/assets\/[^"]+\.js)"/.exec(
      readFileSync(join(clientDir, 'index.html'), 'utf8'),
    )?.[1] as string
    entryBytes = readFileSync(join(clientDir, entry))
    writeFileSync(join(clientDir, `${entry}.map`), '{"sources":["secret.ts"]}')
    writeFileSync(join(clientDir, '.env'), 'SECRET=1')
    server = await startServer({ env: { CLIENT_DIR: clientDir } })
  })
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  it('builds a brotli and a gzip copy of every script and no source maps', () => {
    const files = readdirSync(join(builtClient, 'assets'))
    const scripts = files.filter((file) => file.endsWith('.js'))
    expect(scripts.length).toBeGreaterThan(3)
    for (const script of scripts) {
      expect(files).toContain(`${script}.br`)
      expect(files).toContain(`${script}.gz`)
    }
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([])
  })

  it('sends a hashed asset in the coding the browser accepts, cached for a year', async () => {
    const url = `${server.httpUrl}${entry}`
    const br = await raw(url, { 'accept-encoding': 'gzip, deflate, br, zstd' })
    expect(br.status).toBe(200)
    expect(br.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(br.body).equals(entryBytes)).toBe(true)
    expect(br.body.length).toBeLessThan(entryBytes.length / 2)

    const gzip = await raw(url, { 'accept-encoding': 'gzip' })
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzip.body).equals(entryBytes)).toBe(true)

    // br refused by q=0: gzip; nothing accepted: the file itself.
    const refused = await raw(url, { 'accept-encoding': 'br;q=0, gzip;q=0.8' })
    expect(refused.headers['content-encoding']).toBe('gzip')
    const identity = await raw(url)
    expect(identity.headers['content-encoding']).toBeUndefined()
    expect(identity.body.equals(entryBytes)).toBe(true)

    for (const answer of [br, gzip, refused, identity]) {
      expect(answer.headers['cache-control']).toBe(year)
      expect(answer.headers.vary).toBe('Accept-Encoding')
      expect(answer.headers['content-type']).toContain('javascript')
    }
  })

  it('revalidates index.html and the service worker by ETag on every use', async () => {
    for (const path of ['/', '/workspaces/w1/sessions/s1', '/sw.js']) {
      const first = await raw(`${server.httpUrl}${path}`, { 'accept-encoding': 'gzip' })
      expect(first.status).toBe(200)
      expect(first.headers['cache-control']).toBe('no-cache')
      expect(first.headers.vary).toBe('Accept-Encoding')
      expect(first.headers['content-encoding']).toBe('gzip')
      const etag = first.headers.etag as string
      expect(etag).toMatch(/^"[\w-]+"$/)

      const again = await raw(`${server.httpUrl}${path}`, {
        'accept-encoding': 'gzip',
        'if-none-match': etag,
      })
      expect(again.status).toBe(304)
      expect(again.body.length).toBe(0)
      // Another coding is another representation: it is sent, not taken for the cached one.
      const other = await raw(`${server.httpUrl}${path}`, { 'if-none-match': etag })
      expect(other.status).toBe(200)
      expect(other.headers.etag).not.toBe(etag)
    }
    const page = await raw(`${server.httpUrl}/workspaces/w1`)
    expect(page.headers['content-type']).toContain('text/html')
    expect(page.body.toString()).toContain('<div id="root">')
  })

  it('answers 404, never the page, for a source map, a missing asset, a dot-file or an unknown file', async () => {
    for (const path of [
      `${entry}.map`,
      `${entry}.br`,
      '/assets/index-gone.js',
      '/assets/no-extension',
      '/.env',
      '/%2eenv',
      '/favicon.ico',
      '/robots.txt',
    ]) {
      const answer = await raw(`${server.httpUrl}${path}`)
      expect({ path, status: answer.status }).toEqual({ path, status: 404 })
      expect(ErrorBody.parse(JSON.parse(answer.body.toString())).error.code).toBe('not_found')
      expect(answer.headers['cache-control']).toBeUndefined()
    }
  })
})
