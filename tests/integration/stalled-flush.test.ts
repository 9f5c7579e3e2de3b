import { afterAll, afterEach, expect, it } from 'vitest'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import { destroyClients, waitForSynced } from '../helpers/clients.js'
import { describeSqliteOnly } from '../helpers/postgres.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

afterEach(() => destroyClients())
afterAll(() => removeDataDirs())

/** A sync update whose length says 200 bytes and which carries none: it cannot be decoded. */
const truncatedUpdate = new Uint8Array([0, 2, 200])

// The stall is SQLite's (its commits run in the store's writer thread); PostgreSQL's flush
// runs in the database server, off the event loop by nature.
describeSqliteOnly('a commit whose flush stalls', () => {
  it('keeps serving every socket while the flush runs, and relays the edit only once it returns', async () => {
    const stallMs = 2500
    const server = await startServer({ env: { TEST_FAULT_STALL_COMMITS_MS: String(stallMs) } })
    const site = await Site.open(server)
    const writer = await site.connect('Mobility')
    const peer = await site.connect('Mobility')
    const careless = await site.raw('Mobility')
    await Promise.all([waitForSynced(writer), waitForSynced(peer)])
    // Admitted (its token read) before the stall: the server has sent it the room's state.
    await waitFor(() => careless.received.length > 0, 'the raw socket to be admitted')
    const items = peer.doc.getArray<string>('items')

    const sent = Date.now()
    writer.doc.getArray<string>('items').push(['stalled'])
    // A malformed frame is refused at once, and the stalled edit is still on its way.
    careless.send(truncatedUpdate)
    expect((await careless.closed).code).toBe(CloseCode.malformed)
    expect(items.length).toBe(0)
    // Until the edit arrives, health checks are answered and presence is relayed as usual.
    const waits: number[] = []
    for (let mark = 1; items.length === 0; mark++) {
      const started = Date.now()
      expect((await fetch(`${server.httpUrl}/healthz`)).status).toBe(200)
      writer.provider.awareness.setLocalStateField('mark', mark)
      await waitFor(
        () =>
          items.length > 0 ||
          [...peer.provider.awareness.getStates().values()].some((state) => state.mark === mark),
        `presence mark ${mark} to reach the peer`,
      )
      waits.push(Date.now() - started)
    }
    // The edit waited for its flush; nothing else did.
    expect(Date.now() - sent).toBeGreaterThanOrEqual(stallMs)
    expect(items.toArray()).toEqual(['stalled'])
    expect(waits.length).toBeGreaterThanOrEqual(3)
    expect(Math.max(...waits)).toBeLessThan(stallMs / 2)
    await server.stop()
  })
})
