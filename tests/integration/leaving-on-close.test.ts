import { afterAll, afterEach, expect, it } from 'vitest'
import { presentNow, type SessionState } from '../../shared/src/schema/session.js'
import { connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api, Site } from '../helpers/site.js'
import { expectQuiet, waitFor } from '../helpers/wait.js'

afterEach(() => destroyClients())
afterAll(() => removeDataDirs())

const graceMs = 300

// Leaving on tab close (issue 17): a page closing says so, and the server waits a grace first.
it('a person with two tabs who closes one stays present; closing the last one leaves, once', async () => {
  const server = await startServer({ env: { LEAVE_GRACE_MS: String(graceMs) } })
  const site = await Site.open(server)
  const commands = sessionCommands(server, site)
  const ayu = await site.join('stakeholder', 'Ayu', 'community')
  const { session } = await commands.open('Two tabs')
  await commands.run(session.id, ayu.token, { type: 'attendance.join' })
  const tabs = [0, 1].map(() =>
    connectClient(server, session.room, { params: { token: ayu.token } }),
  )
  await Promise.all(tabs.map((tab) => waitForSynced(tab)))
  const present = async () => {
    const { state } = await api<{ state: SessionState }>(
      server,
      'GET',
      `/api/sessions/${session.id}`,
      { token: site.token },
    )
    const her = state.attendance.find((person) => person.participantId === ayu.participant.id)
    return her !== undefined && presentNow(her)
  }
  // One tab closes: it says so, and its socket goes.
  await commands.run(session.id, ayu.token, { type: 'attendance.leave', closing: true })
  tabs[0]?.destroy()
  await expectQuiet(graceMs * 4, 'four times the grace the leave waits', present)
  // The other closes too: now she has gone.
  await commands.run(session.id, ayu.token, { type: 'attendance.leave', closing: true })
  tabs[1]?.destroy()
  await waitFor(async () => !(await present()), 'the leave after the grace')
  const { events } = await api<{ events: { command: { type: string } }[] }>(
    server,
    'GET',
    `/api/sessions/${session.id}/events`,
    { token: site.token },
  )
  expect(
    events.map((event) => event.command.type).filter((type) => type.startsWith('attendance.')),
  ).toEqual(['attendance.join', 'attendance.leave'])
  await server.stop()
})
