import { afterAll, afterEach, expect, it } from 'vitest'
import { destroyClients } from '../helpers/clients.js'
import { pollCommands } from '../helpers/polls.js'
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { Site } from '../helpers/site.js'
import { readStore } from '../helpers/store.js'

afterEach(() => destroyClients())
afterAll(() => removeDataDirs())

/**
 * A room answering an anonymous poll at once, on PostgreSQL: each first answer rewrites all the
 * poll's ballots and answers (so rows cannot be paired by transaction), and answers that race
 * must each be counted once, none refused.
 */
await describeWithPostgres('anonymous poll answers racing on PostgreSQL', () => {
  it('twelve people answering at the same moment are all counted, once each', async () => {
    const database = await createTestDatabase()
    const server = await startServer({ env: { DATABASE_URL: database.url } })
    const site = await Site.open(server)
    const polls = pollCommands(server)
    const { session } = await sessionCommands(server, site).open('A full room')
    const poll = await polls.open(session.id, site.token, {
      title: 'Move the night market?',
      kind: 'single',
      options: ['Yes', 'No'],
      anonymous: true,
    })
    const people = []
    for (let n = 0; n < 12; n++) people.push(await site.join('stakeholder', `P${n}`, 'community'))
    const answer = async (token: string, choice: number) =>
      (
        await fetch(`${server.httpUrl}/api/sessions/${session.id}/polls/commands`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'poll.answer', pollId: poll.id, answer: { choice } }),
        })
      ).status
    // Everyone at once, and one of them twice (a double tap): whichever of P0's two answers
    // loses the race is refused, the other counted.
    const statuses = await Promise.all([
      answer(people[0]?.token ?? '', 1),
      ...people.map((person, n) => answer(person.token, n % 2)),
    ])
    expect(statuses.filter((status) => status === 200).length).toBe(people.length)
    expect(statuses.filter((status) => status === 409)).toEqual([409])
    expect(statuses.filter((status) => status !== 200 && status !== 409)).toEqual([])
    const shown = (await polls.list(session.id, site.token)).find((p) => p.id === poll.id)
    expect(shown?.responded).toBe(people.length)
    // One ballot and one answer stored per person: none lost, none doubled by a rewrite.
    for (const table of ['poll_ballot', 'poll_anonymous_answer']) {
      const [row] = await readStore<{ n: number | string }>(
        server,
        `SELECT count(*) AS n FROM ${table} WHERE poll_id = ?`,
        poll.id,
      )
      expect(Number(row?.n)).toBe(people.length)
    }
    await server.stop()
  })
})
