import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorBody } from '../../shared/src/errors.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'

describe('HTTP surface', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    await server.stop()
    removeDataDirs()
  })

  it('answers health checks', async () => {
    const response = await fetch(`${server.httpUrl}/healthz`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ status: 'ok', roomsLoaded: 0 })
  })

  it('exposes Prometheus metrics for rooms, connections, traffic, commits and compactions', async () => {
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
      'process_resident_memory_bytes',
    ]) {
      expect(text).toContain(name)
    }
  })

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
