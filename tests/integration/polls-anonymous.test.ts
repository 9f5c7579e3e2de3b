import { beforeAll, describe, expect, it } from 'vitest'
import type { PollWorkshop } from '../helpers/poll-workshop.js'
import { pollWorkshop } from '../helpers/poll-workshop.js'
import type { TestServer } from '../helpers/server.js'
import type { Site } from '../helpers/site.js'
import { countStored, readStore } from '../helpers/store.js'

// Anonymous polls and dot-votes: one answer per person that names nobody, counts withheld below
// the threshold, ideas collected then dotted (docs/spec.md).
describe('anonymous polls and dot-votes', () => {
  const { workshop, person, session, roomPolls, rule } = pollWorkshop()
  let server: TestServer
  let site: Site
  let polls: PollWorkshop['polls']
  beforeAll(() => {
    ;({ server, site, polls } = workshop)
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
})
