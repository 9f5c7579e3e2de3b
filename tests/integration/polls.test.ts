import { beforeAll, describe, expect, it } from 'vitest'
import { PollView } from '../../shared/src/schema/poll.js'
import type { PollWorkshop } from '../helpers/poll-workshop.js'
import { pollWorkshop } from '../helpers/poll-workshop.js'
import type { TestServer } from '../helpers/server.js'
import type { Site } from '../helpers/site.js'
import { countStored } from '../helpers/store.js'

// Anonymous input and quick polls (issue 17, item 3): each rule of docs/spec.md, good and bad.
describe('polls', () => {
  const { workshop, person, session, roomPolls, rule } = pollWorkshop()
  let server: TestServer
  let site: Site
  let polls: PollWorkshop['polls']
  let sessions: PollWorkshop['sessions']
  beforeAll(() => {
    ;({ server, site, polls, sessions } = workshop)
  })

  it('a named single-choice poll: one answer per person, changeable while open, counted by group', async () => {
    const { id } = await session('Which street first?')
    const poll = await polls.open(id, site.token, {
      title: 'Which street goes car-free first?',
      kind: 'single',
      options: ['Braga', 'Asia Afrika', 'Dago'],
    })
    expect(poll).toMatchObject({ status: 'open', responded: 0, anonymous: false })
    await polls.answer(id, person('Ayu').token, poll.id, { choice: 0 })
    await polls.answer(id, person('Budi').token, poll.id, { choice: 2 })
    // Ayu changes her mind: her answer is replaced, not added.
    const { poll: after } = await polls.answer(id, person('Ayu').token, poll.id, { choice: 1 })
    expect(after.responded).toBe(2)
    expect(after.results?.totals).toEqual([0, 1, 1])
    expect(after.results?.byGroup).toEqual([
      { group: 'business', people: 1, totals: [0, 0, 1] },
      { group: 'community', people: 1, totals: [0, 1, 0] },
    ])
    expect(after.results?.answers?.map((answer) => answer.name).sort()).toEqual(['Ayu', 'Budi'])
    // The room shows the same view to everyone.
    const shown = PollView.parse((await roomPolls(id, person('Oki').token))[poll.id])
    expect(shown.results?.totals).toEqual([0, 1, 1])
  })

  it('answer_mismatch: an answer must fit the poll kind, its options and its dots, side by side with answers that fit', async () => {
    const { id } = await session('Kinds of poll')
    const ayu = person('Ayu').token
    const cases = [
      {
        poll: { title: 'Score', kind: 'score', options: ['A', 'B'], scoreMax: 5 },
        good: { scores: [5, 1] },
        bad: [{ scores: [6, 1] }, { scores: [3] }, { choice: 0 }, { scores: [0, 2] }],
        totals: [5, 1],
      },
      {
        poll: { title: 'Rank', kind: 'ranked', options: ['A', 'B', 'C'] },
        good: { ranking: [2, 0, 1] },
        bad: [{ ranking: [0, 0, 1] }, { ranking: [0, 1] }, { ranking: [0, 1, 3] }],
        // Borda: first of three gets 2 points, second 1, last 0.
        totals: [1, 0, 2],
      },
      {
        poll: { title: 'Dots', kind: 'dots', options: ['A', 'B', 'C'], dots: 3 },
        good: { dots: [2, 0, 1] },
        bad: [{ dots: [2, 2, 0] }, { dots: [0, 0, 0] }, { dots: [1, 1] }],
        totals: [2, 0, 1],
      },
      {
        poll: { title: 'One', kind: 'single', options: ['A', 'B'] },
        good: { choice: 1 },
        bad: [{ choice: 2 }, { ranking: [0, 1] }],
        totals: [0, 1],
      },
    ] as const
    for (const { poll: spec, good, bad, totals } of cases) {
      const poll = await polls.open(id, site.token, spec)
      for (const answer of bad) {
        const refused = await polls.refused(
          id,
          ayu,
          { type: 'poll.answer', pollId: poll.id, answer },
          409,
        )
        expect(refused, JSON.stringify(answer)).toMatchObject({
          code: 'conflict',
          details: rule('answer_mismatch'),
        })
      }
      // Nothing was stored by the refusals; the answer that fits counts.
      const { poll: answered } = await polls.answer(id, ayu, poll.id, good)
      expect(answered.responded).toBe(1)
      expect(answered.results?.totals).toEqual(totals)
    }
    // Malformed answers are bad input, not a rule.
    const poll = await polls.open(id, site.token, {
      title: 'x',
      kind: 'single',
      options: ['A', 'B'],
    })
    const malformed = await polls.refused(
      id,
      ayu,
      { type: 'poll.answer', pollId: poll.id, answer: { choice: -1 } },
      400,
    )
    expect(malformed.code).toBe('bad_request')
  })

  it('poll_shape: a poll needs two different options, and only a dot-vote collects ideas', async () => {
    const { id } = await session('Shapes')
    const open = (poll: object) => polls.refused(id, site.token, { type: 'poll.open', poll }, 409)
    for (const poll of [
      { title: 'One option', kind: 'single', options: ['Only'] },
      { title: 'Same twice', kind: 'single', options: ['A', 'A'] },
      { title: 'Ideas for a choice', kind: 'single', collectIdeas: true },
      { title: 'Ideas and options', kind: 'dots', collectIdeas: true, options: ['A', 'B'] },
    ]) {
      expect((await open(poll)).details, poll.title).toEqual(rule('poll_shape'))
    }
    expect(await polls.list(id, site.token)).toEqual([])
    await polls.open(id, site.token, { title: 'Two options', kind: 'single', options: ['A', 'B'] })
    // A threshold below the default of 3 is bad input.
    const low = await polls.refused(
      id,
      site.token,
      {
        type: 'poll.open',
        poll: { title: 't', kind: 'single', options: ['A', 'B'], anonymous: true, threshold: 2 },
      },
      400,
    )
    expect(low.code).toBe('bad_request')
  })

  it('poll_closed, role_not_allowed: the facilitator opens and closes; everyone but observers answers, until the close', async () => {
    const { id } = await session('Closing')
    const poll = await polls.open(id, site.token, {
      title: 'Q',
      kind: 'single',
      options: ['A', 'B'],
    })
    const stakeholderOpens = await polls.refused(
      id,
      person('Ayu').token,
      { type: 'poll.open', poll: { title: 'Mine', kind: 'single', options: ['A', 'B'] } },
      403,
    )
    expect(stakeholderOpens.details).toEqual(rule('role_not_allowed'))
    const observerAnswers = await polls.refused(
      id,
      person('Oki').token,
      { type: 'poll.answer', pollId: poll.id, answer: { choice: 0 } },
      403,
    )
    expect(observerAnswers.details).toEqual(rule('role_not_allowed'))
    await polls.answer(id, person('Ayu').token, poll.id, { choice: 0 })
    const { poll: closed } = await polls.run(id, site.token, {
      type: 'poll.close',
      pollId: poll.id,
    })
    expect(closed.status).toBe('closed')
    for (const command of [
      { type: 'poll.answer', pollId: poll.id, answer: { choice: 1 } },
      { type: 'poll.close', pollId: poll.id },
    ]) {
      const refused = await polls.refused(
        id,
        command.type === 'poll.close' ? site.token : person('Ayu').token,
        command,
        409,
      )
      expect(refused.details).toEqual(rule('poll_closed'))
    }
    expect((await polls.list(id, site.token))[0]?.results?.totals).toEqual([1, 0])
    const unknown = await polls.refused(id, site.token, { type: 'poll.close', pollId: 'nope' }, 404)
    expect(unknown.code).toBe('not_found')
  })

  it('hidden until close: nobody reads the counts of a poll before it closes, only how many responded', async () => {
    const { id } = await session('Hidden')
    const poll = await polls.open(id, site.token, {
      title: 'Budget split',
      kind: 'single',
      options: ['Buses', 'Bikes'],
      hideResults: true,
    })
    await polls.answer(id, person('Ayu').token, poll.id, { choice: 1 })
    const { poll: answered } = await polls.answer(id, person('Budi').token, poll.id, { choice: 1 })
    expect(answered).toMatchObject({ responded: 2, results: null })
    // Not in the answer, the REST list, or the room: not even the facilitator's.
    expect((await polls.list(id, site.token))[0]).toMatchObject({ responded: 2, results: null })
    const room = await roomPolls(id, site.token)
    expect(room[poll.id]).toMatchObject({ responded: 2, results: null })
    expect(JSON.stringify(room)).not.toContain(person('Ayu').participant.id)
    const { poll: closed } = await polls.run(id, site.token, {
      type: 'poll.close',
      pollId: poll.id,
    })
    expect(closed.results?.totals).toEqual([0, 2])
  })

  it('poll_limit, session_ended: a session holds at most 50 polls, and ending it closes them all and takes no more poll commands', async () => {
    const { id } = await session('Many polls')
    for (let i = 0; i < 50; i++) {
      await polls.open(id, site.token, {
        title: `Poll ${i}`,
        kind: 'single',
        options: ['A', 'B'],
        anonymous: i === 0,
      })
    }
    const more = await polls.refused(
      id,
      site.token,
      { type: 'poll.open', poll: { title: 'One more', kind: 'single', options: ['A', 'B'] } },
      409,
    )
    expect(more.details).toEqual(rule('poll_limit'))
    const open = (await polls.list(id, site.token))[0]
    await polls.answer(id, person('Ayu').token, open?.id ?? '', { choice: 0 })
    await sessions.run(id, site.token, { type: 'session.end' })
    // Ending the session closed its polls, and the anonymous one forgot its ballots.
    const closedAll = await polls.list(id, site.token)
    expect(closedAll.every((poll) => poll.status === 'closed')).toBe(true)
    expect(
      await countStored(
        server,
        'SELECT count(*) AS n FROM poll_ballot WHERE poll_id = ?',
        open?.id,
      ),
    ).toBe(0)
    const ended = await polls.refused(
      id,
      person('Ayu').token,
      { type: 'poll.answer', pollId: open?.id, answer: { choice: 0 } },
      409,
    )
    expect(ended.details).toEqual(rule('session_ended'))
  })
})
