import { describe, expect, it } from 'vitest'
import { type Client, waitForSynced } from '../helpers/clients.js'
import { awarenessFrame } from '../helpers/crafted.js'
import { siteForSuite } from '../helpers/suite.js'
import { waitFor } from '../helpers/wait.js'

interface SeenState {
  cursor?: { anchor: number }
  user?: { id?: string; name?: string }
}

const stateOf = (observer: Client, clientId: number): SeenState | undefined =>
  observer.provider.awareness.getStates().get(clientId) as SeenState | undefined

const clockOf = (client: Client): number =>
  client.provider.awareness.meta.get(client.doc.clientID)?.clock ?? 0

describe('presence: an awareness client id belongs to the connection that claimed it', () => {
  const suite = siteForSuite()

  /** Budi shows his caret; the facilitator watches. */
  const budiPresent = async (title: string) => {
    const budi = await suite.site.join('stakeholder', 'Budi', 'community')
    const victim = await suite.site.connect(title, { token: budi.token })
    const observer = await suite.site.connect(title)
    await Promise.all([waitForSynced(victim), waitForSynced(observer)])
    victim.provider.awareness.setLocalStateField('cursor', { anchor: 1 })
    await waitFor(
      () => stateOf(observer, victim.doc.clientID)?.cursor?.anchor === 1,
      "Budi's caret to show",
    )
    return { budi, victim, observer }
  }

  it("drops another participant's states for someone else's client id; theirs go through", async () => {
    const { budi, victim, observer } = await budiPresent('forged')
    const mallory = await suite.site.join('stakeholder', 'Mallory', 'business')
    const forger = await suite.site.raw('forged', { token: mallory.token })
    const victimId = victim.doc.clientID
    const forged = { cursor: { anchor: 99 }, user: { id: budi.participant.id, name: 'Budi' } }
    forger.send(awarenessFrame(victimId, clockOf(victim) + 10, forged))
    forger.send(awarenessFrame(victimId, clockOf(victim) + 11, null))
    // Her own id, sent after: once it shows, the forged entries before it have been judged.
    const malloryId = 424_242
    forger.send(awarenessFrame(malloryId, 1, forged))
    await waitFor(
      () => stateOf(observer, malloryId)?.cursor?.anchor === 99,
      "Mallory's own state to show",
    )
    expect(stateOf(observer, malloryId)?.user?.name).toBe('Mallory')
    expect(stateOf(observer, victimId)?.cursor?.anchor).toBe(1)
    expect(stateOf(observer, victimId)?.user).toMatchObject({
      id: budi.participant.id,
      name: 'Budi',
    })

    // Budi keeps his entry: his next move shows, for the observer and for a newcomer.
    victim.provider.awareness.setLocalStateField('cursor', { anchor: 2 })
    await waitFor(() => stateOf(observer, victimId)?.cursor?.anchor === 2, "Budi's next move")
    const newcomer = await suite.site.connect('forged')
    await waitFor(
      () => stateOf(newcomer, victimId)?.cursor?.anchor === 2,
      'the newcomer to see Budi',
    )
    expect(stateOf(newcomer, victimId)?.user?.name).toBe('Budi')
    forger.ws.close()
  })

  it('lets the same participant take the id over from a new socket, the old one still open', async () => {
    const { budi, victim, observer } = await budiPresent('reload')
    const victimId = victim.doc.clientID
    const reloaded = await suite.site.raw('reload', { token: budi.token })
    reloaded.send(
      awarenessFrame(victimId, clockOf(victim) + 1, {
        cursor: { anchor: 5 },
        user: { name: 'Somebody else' },
      }),
    )
    await waitFor(
      () => stateOf(observer, victimId)?.cursor?.anchor === 5,
      'the new socket to speak',
    )
    expect(stateOf(observer, victimId)?.user?.name).toBe('Budi')

    // The new socket keeps speaking for it once the old one is gone.
    victim.destroy()
    reloaded.send(awarenessFrame(victimId, clockOf(victim) + 5, { cursor: { anchor: 6 } }))
    await waitFor(() => stateOf(observer, victimId)?.cursor?.anchor === 6, 'the next state')
    expect(stateOf(observer, victimId)?.user?.name).toBe('Budi')
    reloaded.ws.close()
  })

  it("keeps a disconnected participant's id theirs: nobody else takes their entry meanwhile", async () => {
    const { budi, victim, observer } = await budiPresent('blink')
    const victimId = victim.doc.clientID
    victim.provider.disconnect()
    await waitFor(() => !stateOf(observer, victimId), 'the entry to go on disconnect')
    // Mallory saw Budi's id and claims it, far ahead of his clock, while his network blinks.
    const mallory = await suite.site.join('observer', 'Mallory', 'business')
    const claimer = await suite.site.raw('blink', { token: mallory.token })
    claimer.send(awarenessFrame(victimId, clockOf(victim) + 1000, { cursor: { anchor: 99 } }))
    const malloryId = 434_343
    claimer.send(awarenessFrame(malloryId, 1, { cursor: { anchor: 7 } }))
    await waitFor(() => stateOf(observer, malloryId)?.cursor?.anchor === 7, "Mallory's own state")
    expect(stateOf(observer, victimId)).toBeUndefined()

    // Budi comes back, with Mallory still connected, and shows as himself.
    victim.provider.awareness.setLocalStateField('cursor', { anchor: 3 })
    victim.provider.connect()
    await waitFor(() => stateOf(observer, victimId)?.cursor?.anchor === 3, 'Budi to come back')
    expect(stateOf(observer, victimId)?.user?.id).toBe(budi.participant.id)
    expect(victim.provider.awareness.getLocalState()?.cursor).toEqual({ anchor: 3 })
    claimer.ws.close()
  })

  it('gives the id back to its participant after a reconnect of the official client', async () => {
    const { victim, observer } = await budiPresent('reconnect')
    const victimId = victim.doc.clientID
    victim.provider.disconnect()
    await waitFor(() => !stateOf(observer, victimId), 'the entry to go on disconnect')
    victim.provider.awareness.setLocalStateField('cursor', { anchor: 3 })
    victim.provider.connect()
    await waitFor(() => stateOf(observer, victimId)?.cursor?.anchor === 3, 'the entry to come back')
    expect(stateOf(observer, victimId)?.user?.name).toBe('Budi')
  })
})
