import { useEffect, useState } from 'react'
import { isNeutral } from '../../../../shared/src/schema/neutral.js'
import {
  StakeholderGroup as Groups,
  type StakeholderGroup,
} from '../../../../shared/src/schema/people.js'
import type { SessionState } from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { Section } from '../../ui/Section.js'
import { GroupBadge } from '../people/GroupBadge.js'
import { formatClock } from './use-countdown.js'

export interface GroupBalance {
  group: StakeholderGroup
  speakingMs: number
  turns: number
  positions: number
  /** Present in the room, yet nobody of the group has had the floor. */
  notHeard: boolean
}

/** Balance per group: every group present or counted, in the groups' fixed order. */
export const balanceByGroup = (live: SessionState, now: number): GroupBalance[] => {
  const speaker = live.speaker
  // The server credits a turn when it ends; the one in progress counts as it goes.
  // The neutral facilitation team is left out, as the server leaves it out of the counts.
  const counted = speaker && !isNeutral(live, speaker.participantId) ? speaker : null
  const ongoing = (group: string) =>
    counted && counted.group === group ? Math.max(0, now - Date.parse(counted.since)) : 0
  const present = new Set<string>(
    live.attendance
      .filter((person) => !isNeutral(live, person.participantId))
      .map((person) => person.group),
  )
  const { speakingMs, turns, positions } = live.balance
  const withCounts = new Set([
    ...Object.keys(speakingMs),
    ...Object.keys(turns),
    ...Object.keys(positions),
  ])
  return Groups.options
    .filter((group) => present.has(group) || withCounts.has(group))
    .map((group) => ({
      group,
      speakingMs: (speakingMs[group] ?? 0) + ongoing(group),
      turns: turns[group] ?? 0,
      positions: positions[group] ?? 0,
      notHeard: present.has(group) && (turns[group] ?? 0) === 0,
    }))
}

/** Is every voice heard? Speaking time, turns and positions per group, and who is present. */
export const BalancePanel = ({ live }: { live: SessionState }) => {
  const t = useT()
  const now = useNow(live.speaker !== null)
  const rows = balanceByGroup(live, now)
  return (
    <Section title={t('session.balance')}>
      <div className="table-scroll">
        <table className="balance" data-testid="balance">
          <caption className="visually-hidden">{t('session.balanceCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('session.tallyGroup')}</th>
              <th scope="col">{t('session.speakingTime')}</th>
              <th scope="col">{t('session.turns')}</th>
              <th scope="col">{t('session.positions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.group} data-group={row.group}>
                <th scope="row">
                  <GroupBadge group={row.group} />
                  {row.notHeard ? (
                    <span className="tag tag--warning balance__unheard">
                      {t('session.notHeard')}
                    </span>
                  ) : null}
                </th>
                <td>{formatClock(row.speakingMs)}</td>
                <td>{row.turns}</td>
                <td>{row.positions}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('session.present', { count: live.attendance.length })}</h3>
      {live.attendance.length === 0 ? <p className="muted">{t('session.nobodyPresent')}</p> : null}
      <ul className="attendance" data-testid="attendance">
        {live.attendance.map((person) => (
          <li key={person.participantId}>
            {person.name} <GroupBadge group={person.group} />
          </li>
        ))}
      </ul>
    </Section>
  )
}

/** The time, refreshed every second while `ticking`. */
const useNow = (ticking: boolean): number => {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!ticking) return
    setNow(Date.now())
    const interval = window.setInterval(() => setNow(Date.now()), 1000)
    return () => window.clearInterval(interval)
  }, [ticking])
  return now
}
