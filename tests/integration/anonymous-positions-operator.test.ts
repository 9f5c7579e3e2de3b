import { createHmac } from 'node:crypto'
import pg from 'pg'
import { afterAll, afterEach, expect, it } from 'vitest'
import { destroyClients } from '../helpers/clients.js'
import { createTestDatabase, describeWithPostgres } from '../helpers/postgres.js'
import { removeDataDirs, startServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

afterEach(() => destroyClients())
afterAll(() => removeDataDirs())

/** A server on `url` with a workshop whose anonymous proposal is open. */
const opened = async (url: string, title: string) => {
  const server = await startServer({ env: { DATABASE_URL: url } })
  const site = await Site.open(server)
  const commands = sessionCommands(server, site)
  const { session } = await commands.open(title)
  const { state } = await commands.run(session.id, site.token, {
    type: 'proposal.open',
    title: 'Move the night market',
    text: 'To Saturdays.',
    anonymous: true,
  })
  return { server, site, commands, session, proposalId: state.proposal?.id ?? '' }
}

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
      const { server, site, commands, session, proposalId } = await opened(database.url, 'Operator')
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

  it('once withdrawn, no row version in the tables holds the key or a ballot (VACUUM)', async () => {
    const database = await createTestDatabase()
    const observer = new pg.Client({ connectionString: database.url })
    try {
      const { server, site, commands, session, proposalId } = await opened(
        database.url,
        'Dead rows',
      )
      for (const name of ['Ayu', 'Dewi', 'Eko']) {
        const person = await site.join('stakeholder', name, 'community')
        await commands.run(session.id, person.token, { type: 'position.take', value: 'agree' })
      }
      await observer.connect()
      await observer.query('CREATE EXTENSION IF NOT EXISTS pageinspect')
      const [row] = (
        await observer.query<{ ballot_key: Buffer }>(
          'SELECT ballot_key FROM anonymous_proposal WHERE proposal_id = $1',
          [proposalId],
        )
      ).rows
      const voters = (
        await observer.query<{ voter: string }>('SELECT voter FROM proposal_ballot')
      ).rows.map(({ voter }) => Buffer.from(voter).toString('hex'))
      const secrets = [row?.ballot_key.toString('hex') ?? '', ...voters]
      expect(secrets.every((secret) => secret.length >= 64)).toBe(true)
      // Every row version on the tables' pages, dead ones included: what a dump of the files shows.
      const versions = async () =>
        (
          await observer.query<{ data: string }>(
            `SELECT encode(t_data, 'hex') AS data FROM unnest($1::text[]) AS name,
               generate_series(0, (pg_relation_size(name::regclass) / 8192)::int - 1) AS block,
               heap_page_items(get_raw_page(name, block)) WHERE t_data IS NOT NULL`,
            [['anonymous_proposal', 'proposal_ballot']],
          )
        ).rows.map(({ data }) => data)
      const holding = async () =>
        (await versions()).filter((data) => secrets.some((secret) => data.includes(secret)))
      expect((await holding()).length).toBeGreaterThan(0)
      await commands.run(session.id, site.token, { type: 'proposal.withdraw', proposalId })
      await waitFor(async () => (await holding()).length === 0, 'the dead row versions to go')
      await server.stop()
    } finally {
      await observer.end()
      await database.drop()
    }
  })
})
