import type { RoomAccess } from '../client/light-client.js'
import { httpGet, httpRequest } from '../lib/net.js'
import { readMetric } from '../lib/prometheus.js'
import { now, waitUntil } from '../lib/time.js'
import type { RunningTarget } from '../targets/target.js'

// A plan of megabytes takes a while to freeze, compare and render.
const TIMEOUT_MS = 60_000

/**
 * Mufakat's document endpoints S9 times (versions, compare, export), for the document
 * behind a provisioned room; null for a target without them (no token, no API).
 */
export const mufakatApi = (target: RunningTarget, room: RoomAccess) => {
  if (room.token === '' || !room.documentName.startsWith('doc:')) return null
  const base = `http://127.0.0.1:${target.port}`
  const documentUrl = `${base}/api/documents/${encodeURIComponent(room.documentName.slice(4))}`
  const headers = { authorization: `Bearer ${room.token}` }
  const expectOk = (what: string, answer: { status: number; body: string }): string => {
    if (answer.status < 200 || answer.status > 299)
      throw new Error(`${what}: ${answer.status} ${answer.body.slice(0, 200)}`)
    return answer.body
  }
  return {
    time: async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> => {
      const start = now()
      const value = await work()
      return { ms: now() - start, value }
    },
    /** Mean ms of the compactions so far (waits up to 10 s for the first to finish). */
    compactionMs: async (): Promise<number | null> => {
      let text = ''
      const read = async (): Promise<number> => {
        text = (await httpGet(`${base}/metrics`)).body
        return readMetric(text, 'mufakat_compaction_seconds_count') ?? 0
      }
      let count = await read()
      await waitUntil(() => count > 0, { capMs: 10_000, pollMs: 100 })
      count = await read()
      const sum = readMetric(text, 'mufakat_compaction_seconds_sum')
      return count > 0 && sum !== null ? (sum / count) * 1000 : null
    },
    saveVersion: async (name: string): Promise<string> => {
      const body = expectOk(
        'saving a version',
        await httpRequest(`${documentUrl}/versions`, {
          method: 'POST',
          json: { name },
          headers,
          timeoutMs: TIMEOUT_MS,
        }),
      )
      return (JSON.parse(body) as { version: { id: string } }).version.id
    },
    compare: async (from: string): Promise<number> =>
      expectOk(
        'comparing',
        await httpRequest(`${documentUrl}/compare?from=${encodeURIComponent(from)}&to=live`, {
          headers,
          timeoutMs: TIMEOUT_MS,
        }),
      ).length,
    exportAs: async (format: 'md' | 'html'): Promise<number> =>
      expectOk(
        `exporting ${format}`,
        await httpRequest(`${documentUrl}/export?format=${format}`, {
          headers,
          timeoutMs: TIMEOUT_MS,
        }),
      ).length,
  }
}
