import { describe, expect, it } from 'vitest'
import { buildMinutes } from '../../server/src/domain/sessions-and-decisions/minutes.js'
import { minutesMarkdown } from '../../server/src/domain/sessions-and-decisions/minutes-markdown.js'
import { minutesFileName } from '../../shared/src/artefacts/words.js'
import type {
  DecisionRecord,
  Session,
  SessionCommand,
  SessionEvent,
} from '../../shared/src/schema/session.js'

const session: Session = {
  id: 's1',
  workspaceId: 'w1',
  title: 'Bus depot workshop',
  kind: 'workshop',
  agenda: [
    { title: 'Opening', minutes: 10 },
    { title: 'Discussion', minutes: 30 },
    { title: 'Decision', minutes: 15 },
  ],
  room: 'session:s1',
  createdBy: 'f',
  createdAt: '2030-03-03T09:00:00.000Z',
}

const people = {
  f: { participantId: 'f', name: 'Fasilitator', group: 'government', role: 'facilitator' },
  a: { participantId: 'a', name: 'Ayu', group: 'community', role: 'stakeholder' },
  b: { participantId: 'b', name: 'Budi', group: 'business', role: 'stakeholder' },
} as const

/** A scripted session: minute offsets from 09:00, who, and what. */
const script: [number, keyof typeof people, SessionCommand, string?][] = [
  [0, 'f', { type: 'attendance.join' }],
  [1, 'a', { type: 'attendance.join' }],
  [1, 'b', { type: 'attendance.join' }],
  [12, 'f', { type: 'stage.advance' }],
  [13, 'a', { type: 'hand.raise' }],
  [14, 'f', { type: 'floor.next' }],
  [17, 'f', { type: 'floor.give', participantId: 'b' }],
  [19, 'f', { type: 'floor.end' }],
  [40, 'f', { type: 'stage.advance' }],
  [
    41,
    'f',
    { type: 'proposal.open', title: 'Depot at Gedebage', text: 'Build the depot at Gedebage.' },
    'p1',
  ],
  [42, 'a', { type: 'position.take', value: 'agree' }],
  [43, 'b', { type: 'position.take', value: 'stand_aside', reason: 'noise at night' }],
  [50, 'f', { type: 'proposal.close', outcome: 'adopted' }, 'd1'],
  [55, 'f', { type: 'session.end' }],
]

const at = (minute: number) =>
  new Date(Date.parse(session.createdAt) + minute * 60_000).toISOString()
const events: SessionEvent[] = script.map(([minute, who, command, createdId], index) => ({
  sequence: index + 1,
  at: at(minute),
  actor: people[who],
  command,
  ...(createdId ? { createdId } : {}),
}))

const decision = {
  id: 'd1',
  sequence: 1,
  title: 'Depot at Gedebage',
  outcome: 'adopted',
  hash: 'ab'.repeat(32),
  sessionId: 's1',
} as DecisionRecord

describe('minutes of a scripted session', () => {
  it('lists the agenda with actual times, attendance, speaking time, proposals and decisions', () => {
    expect(buildMinutes(session, events, [decision])).toEqual({
      session: { id: 's1', title: 'Bus depot workshop', kind: 'workshop', createdAt: at(0) },
      agenda: [
        {
          title: 'Opening',
          plannedMinutes: 10,
          startedAt: at(0),
          endedAt: at(12),
          actualMinutes: 12,
        },
        {
          title: 'Discussion',
          plannedMinutes: 30,
          startedAt: at(12),
          endedAt: at(40),
          actualMinutes: 28,
        },
        {
          title: 'Decision',
          plannedMinutes: 15,
          startedAt: at(40),
          endedAt: at(55),
          actualMinutes: 15,
        },
      ],
      agendaChanges: [],
      attendance: { government: ['Fasilitator'], community: ['Ayu'], business: ['Budi'] },
      speakingSecondsByGroup: { community: 180, business: 120 },
      balance: [
        expect.objectContaining({ group: 'government', present: 1 }),
        expect.objectContaining({ group: 'business', present: 1 }),
        expect.objectContaining({ group: 'community', present: 1 }),
      ],
      contributions: [],
      proposals: [
        {
          title: 'Depot at Gedebage',
          text: 'Build the depot at Gedebage.',
          openedAt: at(41),
          closedAt: at(50),
          outcome: 'adopted',
          withdrawn: false,
          decisionId: 'd1',
          positions: [
            { name: 'Ayu', group: 'community', value: 'agree' },
            { name: 'Budi', group: 'business', value: 'stand_aside', reason: 'noise at night' },
          ],
        },
      ],
      decisions: [
        {
          id: 'd1',
          sequence: 1,
          title: 'Depot at Gedebage',
          outcome: 'adopted',
          hash: 'ab'.repeat(32),
        },
      ],
    })
  })

  it('writes them as Markdown', () => {
    expect(
      minutesMarkdown(buildMinutes(session, events, [decision])),
    ).toBe(`# Minutes: Bus depot workshop

Kind: Workshop

Date: 3 Mar 2030. Times are in UTC.

## Agenda

| Stage | Planned | Started | Ended | Actual |
| --- | ---: | ---: | ---: | ---: |
| Opening | 10 min | 09:00 | 09:12 | 12 min |
| Discussion | 30 min | 09:12 | 09:40 | 28 min |
| Decision | 15 min | 09:40 | 09:55 | 15 min |

## Attendance

- Government: Fasilitator
- Community: Ayu
- Business: Budi

## Speaking time by group

- Community: 3 min 0 s
- Business: 2 min 0 s

## Balance of voice

| Group | Attended | Speaking | Turns | Positions | Proposals | Comments | Ideas | Plan edits (characters) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| Government | 1 (33 %) | 0 min 0 s (0 %) | 0 (0 %) | 0 (0 %) | 1 (100 %) | 0 (0 %) | 0 (0 %) | 0 (0 %) |
| Business | 1 (33 %) | 2 min 0 s (40 %) | 1 (50 %) | 1 (50 %) | 0 (0 %) | 0 (0 %) | 0 (0 %) | 0 (0 %) |
| Community | 1 (33 %) | 3 min 0 s (60 %) | 1 (50 %) | 1 (50 %) | 0 (0 %) | 0 (0 %) | 0 (0 %) | 0 (0 %) |

## Proposals

### Depot at Gedebage

Build the depot at Gedebage.

Outcome: Adopted

- Ayu (Community): Agree
- Budi (Business): Stand aside — noise at night

## Decisions

- #1 Depot at Gedebage: Adopted (sha256 ${'ab'.repeat(32)})
`)
  })

  it('writes them in the workspace language: Indonesian labels, stage names and dates', () => {
    const markdown = minutesMarkdown(buildMinutes(session, events, [decision]), 'id')
    expect(markdown).toContain('# Notulen: Bus depot workshop\n\nJenis: Lokakarya\n')
    expect(markdown).toContain('Tanggal: 3 Mar 2030. Waktu dalam UTC.')
    expect(markdown).toContain('| Tahap | Rencana | Mulai | Selesai | Aktual |')
    // A default stage is translated; the facilitator's own stage name stays as written.
    expect(markdown).toContain('| Pembukaan | 10 menit | 09.00 | 09.12 | 12 menit |')
    expect(markdown).toContain('| Discussion | 30 menit |')
    expect(markdown).toContain('- Komunitas: Ayu')
    expect(markdown).toContain('Hasil: Diterima')
    expect(markdown).toContain('- Budi (Dunia usaha): Abstain — noise at night')
    expect(markdown).not.toMatch(/stand_aside|adopted|community/)
  })

  it('is downloaded under a readable name, in the workspace language', () => {
    expect(minutesFileName('id', 'Lokakarya transportasi', '2026-12-06T09:00:00.000Z')).toBe(
      'Notulen – Lokakarya transportasi – 2026-12-06.md',
    )
    // Characters no file system takes are replaced; the name stays readable.
    expect(minutesFileName('en', 'Bus: depot/yard?', '2026-12-06T23:59:00.000Z')).toBe(
      'Minutes – Bus depot yard – 2026-12-06.md',
    )
  })
})
