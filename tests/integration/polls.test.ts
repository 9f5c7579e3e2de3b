import { beforeAll, describe, expect, it } from 'vitest'
import type { StakeholderGroup } from '../../shared/src/schema/people.js'
import { PollView } from '../../shared/src/schema/poll.js'
import { sessionRoomName } from '../../shared/src/ydoc/session-room.js'
import { readRoom } from '../helpers/clients.js'
import { pollCommands } from '../helpers/polls.js'
import type { TestServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import type { Site } from '../helpers/site.js'
import { countStored, readStore } from '../helpers/store.js'
import { siteForSuite } from '../helpers/suite.js'

type Person = { token: string; participant: { id: string } }

// Anonymous input and quick polls (issue 17, item 3): each rule of docs/spec.md, good and bad.
describe('polls', () => {
  const suite = siteForSuite()
  let server: TestServer
  let site: Site
  let polls: ReturnType<typeof pollCommands>
  let sessions: ReturnType<typeof sessionCommands>
  const people: Record<string, Person> = {}
  const join = async (
    name: string,
    group: StakeholderGroup,
    role: 'stakeholder' | 'observer' = 'stakeholder',
  ) => {
    people[name] = await site.join(role, name, group)
  }
  const person = (name: string): Person => {
    const found = people[name]
    if (!found) throw new Error(`no ${name}`)
    return found
  }
  beforeAll(async () => {
    ;({ server, site } = suite)
    polls = pollCommands(server)
    sessions = sessionCommands(server, site)
    for (const name of ['Ayu', 'Dewi', 'Eko']) await join(name, 'community')
    for (const name of ['Gita', 'Hadi']) await join(name, 'government')
    await join('Budi', 'business')
    await join('Oki', 'citizen', 'observer')
  })
  const session = async (title: string) => (await sessions.open(title)).session
  /** The polls map of the session room, as any participant's device receives it. */
  const roomPolls = async (sessionId: string, token: string) =>
    (await readRoom(server, sessionRoomName(sessionId), { maps: ['polls'] }, token))
      .polls as Record<string, unknown>
  const rule = (id: string) => expect.objectContaining({ rule: id })

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

  it('already_answered: an anonymous poll takes one answer per person, changed only with its receipt, and nothing readable links a person to it', async () => {
    const { id } = await session('Anonymous')
    const poll = await polls.open(id, site.token, {
      title: 'Should the night market move?',
      kind: 'single',
      options: ['Yes', 'No', 'Later'],
      anonymous: true,
    })
    const voters = ['Ayu', 'Dewi', 'Eko', 'Gita', 'Hadi', 'Budi']
    const choices: Record<string, number> = { Ayu: 0, Dewi: 1, Eko: 1, Gita: 2, Hadi: 2, Budi: 0 }
    const receipts: Record<string, string> = {}
    for (const name of voters) {
      const answered = await polls.answer(id, person(name).token, poll.id, { choice: 2 })
      expect(answered.receipt).toMatch(/^[\w-]{20,}$/)
      receipts[name] = answered.receipt ?? ''
      // Counts move at close only: live counts would show what the person who just answered chose.
      expect(answered.poll.results).toBeNull()
    }
    await polls.answer(id, site.token, poll.id, { choice: 2 })
    // A second answer without the receipt is refused; with another's receipt too.
    const again = await polls.refused(
      id,
      person('Ayu').token,
      { type: 'poll.answer', pollId: poll.id, answer: { choice: 1 } },
      409,
    )
    expect(again.details).toEqual(rule('already_answered'))
    const stolen = await polls.refused(
      id,
      person('Ayu').token,
      { type: 'poll.answer', pollId: poll.id, answer: { choice: 1 }, receipt: receipts.Dewi },
      409,
    )
    expect(stolen.details).toEqual(rule('already_answered'))
    // With their own receipt each changes their answer; the count of answers stays.
    for (const name of voters) {
      const changed = await polls.answer(
        id,
        person(name).token,
        poll.id,
        { choice: choices[name] },
        receipts[name],
      )
      expect(changed.poll.responded).toBe(7)
    }
    const ids = [site.created.participant.id, ...voters.map((name) => person(name).participant.id)]
    const linked = (text: string) => ids.filter((participantId) => text.includes(participantId))

    // What every device can read: the room and the REST list carry no one's id.
    const room = await roomPolls(id, person('Oki').token)
    expect(linked(JSON.stringify(room))).toEqual([])
    expect(linked(JSON.stringify(await polls.list(id, person('Oki').token)))).toEqual([])

    // What the server stores: no answer row names anyone; the ballots are keyed hashes.
    const answers = await readStore<object>(
      server,
      'SELECT * FROM poll_anonymous_answer WHERE poll_id = ?',
      poll.id,
    )
    expect(answers).toHaveLength(7)
    expect(Object.keys(answers[0] as object).sort()).toEqual([
      'answer',
      'grp',
      'poll_id',
      'receipt',
    ])
    expect(linked(JSON.stringify(answers))).toEqual([])
    const ballots = await readStore<{ voter: string }>(
      server,
      'SELECT voter FROM poll_ballot WHERE poll_id = ?',
      poll.id,
    )
    expect(ballots).toHaveLength(7)
    expect(linked(JSON.stringify(ballots))).toEqual([])
    expect(
      await countStored(server, 'SELECT count(*) AS n FROM poll_answer WHERE poll_id = ?', poll.id),
    ).toBe(0)
    // No session event, audit entry or room write was made for an answer.
    expect(
      JSON.stringify(await readStore(server, 'SELECT event FROM session_event')),
    ).not.toContain('poll')
    expect(
      await readStore(server, "SELECT * FROM room_writer WHERE room LIKE 'session:%'"),
    ).toEqual([])

    const { poll: closed } = await polls.run(id, site.token, {
      type: 'poll.close',
      pollId: poll.id,
    })
    // Yes: Ayu, Budi; No: Dewi, Eko; Later: Gita, Hadi and the facilitator.
    expect(closed.results?.totals).toEqual([2, 2, 3])
    expect(closed.results?.answers).toBeUndefined()
    // Closed: the one-per-person check and its key are gone too.
    expect(
      await countStored(server, 'SELECT count(*) AS n FROM poll_ballot WHERE poll_id = ?', poll.id),
    ).toBe(0)
    expect(await readStore(server, 'SELECT ballot_key FROM poll WHERE id = ?', poll.id)).toEqual([
      { ballot_key: null },
    ])
  })

  it('anonymous counts by group are withheld below the threshold (3), with the next smallest group so no subtraction reveals them', async () => {
    const { id } = await session('Threshold')
    const poll = await polls.open(id, site.token, {
      title: 'Extend the BRT line?',
      kind: 'single',
      options: ['Yes', 'No'],
      anonymous: true,
    })
    // Too few answers overall: nothing but the number responded, even at close.
    const few = await polls.open(id, site.token, {
      title: 'Few',
      kind: 'single',
      options: ['Yes', 'No'],
      anonymous: true,
    })
    await polls.answer(id, person('Budi').token, few.id, { choice: 0 })
    await polls.answer(id, person('Ayu').token, few.id, { choice: 1 })
    const { poll: fewClosed } = await polls.run(id, site.token, {
      type: 'poll.close',
      pollId: few.id,
    })
    expect(fewClosed).toMatchObject({ responded: 2, results: null })

    // Government 3 (with the facilitator), community 3, business 1.
    const answers: [string, number][] = [
      ['Gita', 0],
      ['Hadi', 0],
      ['Ayu', 1],
      ['Dewi', 1],
      ['Eko', 0],
      ['Budi', 1],
    ]
    for (const [name, choice] of answers)
      await polls.answer(id, person(name).token, poll.id, { choice })
    await polls.answer(id, site.token, poll.id, { choice: 0 })
    const { poll: closed } = await polls.run(id, site.token, {
      type: 'poll.close',
      pollId: poll.id,
    })
    expect(closed.results?.totals).toEqual([4, 3])
    // Business (1) is withheld; 1 < 3, so community (3, the next smallest) goes with it.
    expect(closed.results?.byGroup).toEqual([{ group: 'government', people: 3, totals: [3, 0] }])
    expect(closed.results?.withheld).toBe(4)
    // The minutes carry what the room showed, and no more.
    const minutes = await (
      await fetch(`${server.httpUrl}/api/sessions/${id}/minutes`, {
        headers: { authorization: `Bearer ${person('Ayu').token}` },
      })
    ).text()
    expect(minutes).toContain('### Extend the BRT line?')
    expect(minutes).toContain('- Yes: 4')
    expect(minutes).toContain('  - Government (3): 3 / 0')
    expect(minutes).toContain('  - withheld (small groups): 4 answers')
    expect(minutes).toContain('Counts withheld: too few answers.')
  })

  it('not_collecting, still_collecting: a dot-vote collects ideas, anonymously if asked, reveals them, then takes dots', async () => {
    const { id } = await session('Ideas')
    const poll = await polls.open(id, site.token, {
      title: 'Ideas for Alun-alun',
      kind: 'dots',
      collectIdeas: true,
      anonymous: true,
      dots: 2,
    })
    expect(poll).toMatchObject({ status: 'collecting', options: [], ideas: 0 })
    const idea = (name: string, text: string) =>
      polls.run(id, person(name).token, { type: 'poll.idea', pollId: poll.id, text })
    await idea('Ayu', 'Shade trees')
    await idea('Budi', 'Food stalls at night')
    const { poll: collected } = await idea('Dewi', 'Shade trees')
    // Ideas show as a count until revealed.
    expect(collected).toMatchObject({ ideas: 3, options: [] })
    const early = await polls.refused(
      id,
      person('Eko').token,
      { type: 'poll.answer', pollId: poll.id, answer: { dots: [1, 1] } },
      409,
    )
    expect(early.details).toEqual(rule('still_collecting'))
    const stakeholderReveals = await polls.refused(
      id,
      person('Ayu').token,
      { type: 'poll.reveal', pollId: poll.id },
      403,
    )
    expect(stakeholderReveals.details).toEqual(rule('role_not_allowed'))
    const { poll: revealed } = await polls.run(id, site.token, {
      type: 'poll.reveal',
      pollId: poll.id,
    })
    expect(revealed.status).toBe('open')
    // The same idea twice is one option.
    expect([...revealed.options].sort()).toEqual(['Food stalls at night', 'Shade trees'])
    const late = await polls.refused(
      id,
      person('Eko').token,
      { type: 'poll.idea', pollId: poll.id, text: 'More' },
      409,
    )
    expect(late.details).toEqual(rule('not_collecting'))
    const again = await polls.refused(id, site.token, { type: 'poll.reveal', pollId: poll.id }, 409)
    expect(again.details).toEqual(rule('not_collecting'))
    const shade = revealed.options.indexOf('Shade trees')
    for (const name of ['Ayu', 'Dewi', 'Eko']) {
      await polls.answer(id, person(name).token, poll.id, {
        dots: revealed.options.map((_, i) => (i === shade ? 2 : 0)),
      })
    }
    const { poll: closed } = await polls.run(id, site.token, {
      type: 'poll.close',
      pollId: poll.id,
    })
    expect(closed.results?.totals[shade]).toBe(6)
    // An anonymous collection keeps no author.
    expect(
      await readStore(server, 'SELECT author_id FROM poll_idea WHERE poll_id = ?', poll.id),
    ).toEqual([{ author_id: null }, { author_id: null }, { author_id: null }])
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
