import { createHmac } from 'node:crypto'
import pg from 'pg'
import { afterAll, afterEach, expect, it } from 'vitest'
import { destroyClients } from '../helpers/clients.js'
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { Site } from '../helpers/site.js'

afterEach(() => destroyClients())
afterAll(() => removeDataDirs())

/**
 * As for anonymous polls (poll-operator.test.ts): an operator holding the PostgreSQL database and
 * the proposal's key must not pair a ballot with its position through the id of the transaction
 * that wrote them (`xmin`) or where they lie (`ctid`).
 */
await describeWithPostgres('anonymous positions against an operator on PostgreSQL', () => {
  it('an operator with the PostgreSQL database cannot link an open anonymous position to who took it (xmin, ctid)', async () => {
    const database = await createTestDatabase()
    const observer = new pg.Client({ connectionString: database.url })
    try {
      const server = await startServer({ env: { DATABASE_URL: database.url } })
      const site = await Site.open(server)
      const commands = sessionCommands(server, site)
      const { session } = await commands.open('Operator')
      const { state } = await commands.run(session.id, site.token, {
        type: 'proposal.open',
        title: 'Move the night market',
        text: 'To Saturdays.',
        anonymous: true,
      })
      const proposalId = state.proposal?.id ?? ''
      const took: Record<string, string> = {}
      for (const [name, value] of [
        ['Ayu', 'agree'],
        ['Dewi', 'stand_aside'],
        ['Eko', 'agree_with_concerns'],
      ] as const) {
        const person = await site.join('stakeholder', name, 'community')
        await commands.run(session.id, person.token, { type: 'position.take', value })
        took[person.participant.id] = value
      }

      await observer.connect()
      const key = (
        await observer.query<{ ballot_key: Buffer }>(
          'SELECT ballot_key FROM anonymous_proposal WHERE proposal_id = $1',
          [proposalId],
        )
      ).rows[0]?.ballot_key as Buffer
      const participants = (await observer.query<{ id: string }>('SELECT id FROM participant')).rows
      const pairs = (
        await observer.query<{ voter: string; value: string }>(
          `SELECT b.voter, p.value FROM proposal_ballot b JOIN anonymous_position p
             ON p.proposal_id = b.proposal_id AND p.xmin = b.xmin WHERE b.proposal_id = $1`,
          [proposalId],
        )
      ).rows
      const linked = pairs.flatMap(({ voter }) => {
        const who = participants.find(
          ({ id }) => createHmac('sha256', key).update(id).digest('hex') === voter,
        )
        return who ? [who.id] : []
      })
      // Each person pairs with all three positions or none (never with just their own).
      for (const who of Object.keys(took)) {
        expect([0, 3]).toContain(linked.filter((id) => id === who).length)
      }
      const inPlace = async (table: string, column: string) =>
        (
          await observer.query<{ key: string }>(
            `SELECT ${column} AS key FROM ${table} WHERE proposal_id = $1 ORDER BY ctid`,
            [proposalId],
          )
        ).rows.map((row) => row.key)
      const ballots = await inPlace('proposal_ballot', 'voter')
      const positions = await inPlace('anonymous_position', 'receipt')
      expect(ballots).toHaveLength(3)
      expect(ballots).toEqual([...ballots].sort())
      expect(positions).toEqual([...positions].sort())
      await server.stop()
    } finally {
      await observer.end()
      await database.drop()
    }
  })
})
