import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/src/protocol/close-code.js'
import { syncUpdateFrame, waitForSynced } from '../helpers/clients.js'
import { craftUpdate } from '../helpers/crafted.js'
import { siteForSuite } from '../helpers/suite.js'
import { waitFor } from '../helpers/wait.js'

/**
 * A struct that starts before what the server holds of its client continues that client's last
 * struct: Yjs links it right after that one, whatever place it names. Named in another list, it
 * would sit in one list while counted in another: a document no editor reads, and a change no
 * room's rules (a commenter's, say) ever saw where it lands.
 */
describe('a crafted struct continuing its client somewhere else', () => {
  const suite = siteForSuite()

  it('is refused with 1008 and nothing of it lands; the same continuation in its own list is taken', async () => {
    const room = 'continuation'
    const watcher = await suite.site.connect(room)
    await waitForSynced(watcher)
    const texts = (doc = watcher.doc) => ({
      notes: doc.getText('notes').toString(),
      plan: doc.getText('plan').toString(),
    })
    const send = async (update: Uint8Array) => {
      const raw = await suite.site.raw(room)
      raw.send(syncUpdateFrame(update))
      return raw
    }
    // Client 91 writes "x" in the notes.
    ;(await send(craftUpdate([{ client: 91, clock: 0, texts: ['x'], root: 'notes' }]))).ws.close()
    await waitFor(() => texts().notes === 'x', 'the first struct to be relayed')

    // Then "xy" as one struct naming the plan: "y" would go after "x", counted in the plan.
    const astray = await send(craftUpdate([{ client: 91, clock: 0, texts: ['xy'], root: 'plan' }]))
    expect((await astray.closed).code).toBe(CloseCode.malformed)

    // The good input: the same continuation, named in its own list.
    ;(await send(craftUpdate([{ client: 91, clock: 0, texts: ['xy'], root: 'notes' }]))).ws.close()
    await waitFor(() => texts().notes === 'xy', 'the continuation to be relayed')
    const fresh = await suite.site.connect(room)
    await waitForSynced(fresh)
    expect(texts(fresh.doc)).toEqual({ notes: 'xy', plan: '' })
    expect(texts()).toEqual({ notes: 'xy', plan: '' })
  })
})
