import { createHmac } from 'node:crypto'
import pg from 'pg'
import { afterAll, afterEach, expect, it } from 'vitest'
import { destroyClients } from '../helpers/clients.js'
import { pollCommands } from '../helpers/polls.js'
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { Site } from '../helpers/site.js'

afterEach(() => destroyClients())
afterAll(() => removeDataDirs())

/**
 * docs/security.md promises that an operator holding the database cannot tell who gave which
 * anonymous answer (while open: who answered, not what). On PostgreSQL every row carries the id
 * of the transaction that wrote it (`xmin`) and lies where it was written (`ctid`), and a first
 * answer writes its ballot and its answer in one transaction: joining the two tables on `xmin`
 * (or lining them up by `ctid`) paired each ballot with its answer, and the poll's key (in the same
 * database) turns the ballot back into the participant id. Each first answer now rewrites all the
 * poll's ballots and answers together, in the order of their hashes.
 */
await describeWithPostgres('anonymous polls against an operator on PostgreSQL', () => {
  it('an operator with the PostgreSQL database cannot link an open anonymous poll answer to its giver (xmin)', async () => {
    const database = await createTestDatabase()
    const observer = new pg.Client({ connectionString: database.url })
    try {
      const server = await startServer({ env: { DATABASE_URL: database.url } })
      const site = await Site.open(server)
      const polls = pollCommands(server)
      const { session } = await sessionCommands(server, site).open('Operator')
      const poll = await polls.open(session.id, site.token, {
        title: 'Move the night market?',
        kind: 'single',
        options: ['Yes', 'No', 'Later'],
        anonymous: true,
      })
      const chose: Record<string, number> = {}
      for (const [name, choice] of [
        ['Ayu', 0],
        ['Dewi', 1],
        ['Eko', 2],
      ] as const) {
        const person = await site.join('stakeholder', name, 'community')
        await polls.answer(session.id, person.token, poll.id, { choice })
        chose[person.participant.id] = choice
      }

      // The operator: the poll's key, every participant id, and the rows' transaction ids.
      await observer.connect()
      const key = (
        await observer.query<{ ballot_key: Buffer }>('SELECT ballot_key FROM poll WHERE id = $1', [
          poll.id,
        ])
      ).rows[0]?.ballot_key as Buffer
      const participants = (await observer.query<{ id: string }>('SELECT id FROM participant')).rows
      const pairs = (
        await observer.query<{ voter: string; answer: string }>(
          `SELECT b.voter, a.answer FROM poll_ballot b JOIN poll_anonymous_answer a
             ON a.poll_id = b.poll_id AND a.xmin = b.xmin WHERE b.poll_id = $1`,
          [poll.id],
        )
      ).rows
      const linked = pairs.flatMap(({ voter, answer }) => {
        const who = participants.find(
          ({ id }) => createHmac('sha256', key).update(id).digest('hex') === voter,
        )
        return who ? [{ who: who.id, answer: JSON.parse(answer) as { choice: number } }] : []
      })
      // The join says nothing: each person is paired with all three answers or with none
      // (before the fix: each with exactly the choice they made, `chose`).
      const answersOf = (who: string) => linked.filter((pair) => pair.who === who)
      for (const who of Object.keys(chose)) expect([0, 3]).toContain(answersOf(who).length)
      expect(Object.keys(chose)).toHaveLength(3)

      // Nor does where the rows lie: both tables are in the order of their hashes, not of answering.
      const inPlace = async (table: string, key: string) =>
        (
          await observer.query<{ key: string }>(
            `SELECT ${key} AS key FROM ${table} WHERE poll_id = $1 ORDER BY ctid`,
            [poll.id],
          )
        ).rows.map((row) => row.key)
      const ballots = await inPlace('poll_ballot', 'voter')
      const answers = await inPlace('poll_anonymous_answer', 'receipt')
      expect(ballots).toHaveLength(3)
      expect(ballots).toEqual([...ballots].sort())
      expect(answers).toEqual([...answers].sort())
      await server.stop()
    } finally {
      await observer.end()
      await database.drop()
    }
  })
})
