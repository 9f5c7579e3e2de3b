import { mkdirSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorBody } from '../../shared/src/errors.js'
import { makeDataDir, removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { waitFor } from '../helpers/wait.js'

describe('HTTP surface', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  it('answers health checks', async () => {
    const response = await fetch(`${server.httpUrl}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'ok', roomsLoaded: 0 })
  })

  it('exposes Prometheus metrics for rooms, connections, traffic, commits, compactions and the event loop', async () => {
    const response = await fetch(`${server.httpUrl}/metrics`)
    expect(response.headers.get('content-type')).toContain('text/plain')
    const text = await response.text()
    for (const name of [
      'mufakat_rooms_loaded',
      'mufakat_connections',
      'mufakat_updates_received_total',
      'mufakat_update_bytes_received_total',
      'mufakat_messages_sent_total',
      'mufakat_bytes_sent_total',
      'mufakat_store_commit_seconds_bucket',
      'mufakat_compaction_seconds_count',
      'mufakat_event_loop_delay_seconds_bucket{le="0.01"}',
      'mufakat_event_loop_delay_seconds_count',
      'process_resident_memory_bytes',
    ]) {
      expect(text).toContain(name)
    }
  })

  it('keeps an idle connection open longer than a balancer keeps its own (nginx: 60 s)', async () => {
    // A balancer reuses its upstream connection whenever it likes, without reading Keep-Alive.
    const socket = connect(server.port, '127.0.0.1')
    socket.setEncoding('utf8')
    const answers: string[] = []
    socket.on('data', (chunk: string) => answers.push(chunk))
    const ask = async () => {
      const before = answers.join('').split('HTTP/1.1 200').length
      socket.write('GET /healthz HTTP/1.1\r\nHost: mufakat\r\n\r\n')
      await waitFor(
        () => answers.join('').split('HTTP/1.1 200').length > before,
        'an answer on the same connection',
      )
    }
    await ask()
    expect(answers.join('')).toMatch(/keep-alive: timeout=65/i)
    // Past Node's default (5 s), the server would have closed it just as the balancer sent this.
    await new Promise((resolve) => setTimeout(resolve, 6000))
    expect(socket.destroyed || socket.readyState !== 'open').toBe(false)
    await ask()
    socket.destroy()
  }, 15_000)

  it('answers unknown API routes with 404 in the error shape', async () => {
    const response = await fetch(`${server.httpUrl}/api/no-such-thing`, { method: 'POST' })
    expect(response.status).toBe(404)
    const body = ErrorBody.parse(await response.json())
    expect(body.error.code).toBe('not_found')
  })

  it('serves the client with a strict Content-Security-Policy and safe headers', async () => {
    const response = await fetch(`${server.httpUrl}/workspaces/anything`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/html')
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toContain('unsafe-inline')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    expect(await response.text()).toContain('<div id="root">')
  })
})

describe('with METRICS_TOKEN set', () => {
  const metricsToken = 'metrics-token-for-prometheus-0123'
  let server: TestServer
  beforeAll(async () => {
    server = await startServer({ env: { METRICS_TOKEN: metricsToken } })
  })
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  const metrics = (headers: Record<string, string> = {}) =>
    fetch(`${server.httpUrl}/metrics`, { headers })

  it('answers /metrics only with `Authorization: Bearer <METRICS_TOKEN>`', async () => {
    const allowed = await metrics({ authorization: `Bearer ${metricsToken}` })
    expect(allowed.status).toBe(200)
    expect(await allowed.text()).toContain('mufakat_rooms_loaded')
    for (const [headers, status] of [
      [{}, 401],
      [{ authorization: `Bearer ${metricsToken}x` }, 401],
      [{ authorization: metricsToken }, 400],
    ] as const) {
      const refused = await metrics(headers)
      expect(refused.status).toBe(status)
      const text = await refused.text()
      expect(text).not.toContain('mufakat_')
      expect(ErrorBody.parse(JSON.parse(text)).error.code).toBe(
        status === 401 ? 'unauthorized' : 'bad_request',
      )
    }
    // Health checks stay open for the load balancer.
    expect((await fetch(`${server.httpUrl}/healthz`)).status).toBe(200)
  })
})

describe('the client folder', () => {
  let server: TestServer
  beforeAll(async () => {
    const clientDir = makeDataDir()
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><div id="root"></div>')
    mkdirSync(join(clientDir, 'assets'))
    writeFileSync(join(clientDir, 'assets', 'app-1234.js'), 'console.log(1)')
    writeFileSync(join(clientDir, '.build-stamp'), 'secret build input')
    mkdirSync(join(clientDir, '.git'))
    writeFileSync(join(clientDir, '.git', 'config'), '[remote] url = secret')
    server = await startServer({ env: { CLIENT_DIR: clientDir } })
  })
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  const get = (path: string) => fetch(`${server.httpUrl}${path}`)

  it('serves its files and the app for app routes', async () => {
    const asset = await get('/assets/app-1234.js')
    expect(asset.status).toBe(200)
    expect(await asset.text()).toBe('console.log(1)')
    for (const path of ['/', '/w/abc', '/join/someInviteCode1234', '/w/abc/d/def']) {
      const page = await get(path)
      expect(page.status, path).toBe(200)
      expect(await page.text()).toContain('<div id="root">')
    }
  })

  it('never serves dot-files, and answers a missing file with 404 rather than the app', async () => {
    for (const path of [
      '/.build-stamp',
      '/.git/config',
      '/.x',
      '/assets/.hidden',
      '/favicon.ico',
      '/assets/missing-5678.js',
      '/assets/nothing',
      '/robots.txt',
    ]) {
      const answer = await get(path)
      expect(answer.status, path).toBe(404)
      const text = await answer.text()
      expect(text, path).not.toContain('secret')
      expect(text, path).not.toContain('<div id="root">')
      expect(ErrorBody.parse(JSON.parse(text)).error.code).toBe('not_found')
    }
  })
})
