import { useEffect, useState } from 'react'
import {
  type BalanceMeasure,
  type EditCounts,
  type GroupBalanceRow,
  percent,
  underHeard,
  voiceBalance,
} from '../../../../shared/src/schema/balance.js'
import { presentNow, type SessionState } from '../../../../shared/src/schema/session.js'
import { sessionBalanceInput } from '../../../../shared/src/schema/session-balance.js'
import { useT } from '../../app/i18n/i18n.js'
import { Section } from '../../ui/Section.js'
import { GroupBadge } from '../people/GroupBadge.js'
import { BalanceTable, shareOf } from './BalanceTable.js'
import { formatClock } from './use-countdown.js'
import { useSessionEdits } from './use-session-edits.js'

/** The measures in two tables, so that each fits a phone's width. */
const voiceMeasures: readonly BalanceMeasure[] = ['speakingMs', 'turns', 'positions']
const writtenMeasures: readonly BalanceMeasure[] = ['proposals', 'comments', 'ideas', 'edits']

/**
 * Is every voice heard? Per stakeholder group, its share of the people here now beside its share
 * of speaking time, turns, positions, proposals, comments, ideas and plan edits; whoever runs the
 * session is told, gently, which group present is far below its share.
 */
export const BalancePanel = ({
  sessionId,
  live,
  canRun,
}: {
  sessionId: string
  live: SessionState
  canRun: boolean
}) => {
  const t = useT()
  const now = useNow(live.speaker !== null)
  const edits = useSessionEdits(sessionId, live.status === 'running')
  const rows = voiceBalance(sessionBalanceInput(live, edits, { live: true, now }))
  const prompts = underHeard(rows)
  const here = live.attendance.filter(presentNow)
  return (
    <Section title={t('session.balance')}>
      {canRun && here.length > 0 ? (
        <div className="balance-prompt" data-testid="balance-prompt">
          <h3>{t('balance.promptTitle')}</h3>
          {prompts.length === 0 ? (
            <p className="muted">{t('balance.allHeard')}</p>
          ) : (
            <>
              <ul>
                {prompts.map((prompt) => (
                  <li key={prompt.group}>
                    {t('balance.prompt', {
                      group: t(`group.${prompt.group}`),
                      present: percent(prompt.presentShare),
                      share: percent(prompt.share),
                      measure: t(`balance.measure.${prompt.measure}`),
                    })}
                  </li>
                ))}
              </ul>
              <p className="muted">{t('balance.promptHint')}</p>
            </>
          )}
        </div>
      ) : null}
      <LiveBalanceTable
        rows={rows}
        measures={voiceMeasures}
        testId="balance"
        live={live}
        edits={edits}
      />
      <LiveBalanceTable
        rows={rows}
        measures={writtenMeasures}
        testId="balance-more"
        live={live}
        edits={edits}
      />
      <h3>{t('session.present', { count: here.length })}</h3>
      {live.attendance.length === 0 ? <p className="muted">{t('session.nobodyPresent')}</p> : null}
      <ul className="attendance" data-testid="attendance">
        {live.attendance.map((person) => (
          <li key={person.participantId} className={presentNow(person) ? '' : 'attendance--left'}>
            {person.name} <GroupBadge group={person.group} />
            {presentNow(person) ? null : <span className="tag">{t('balance.left')}</span>}
          </li>
        ))}
      </ul>
    </Section>
  )
}

/** The live session's table: values with their shares, and who has not spoken yet. */
const LiveBalanceTable = ({
  rows,
  measures,
  testId,
  live,
  edits,
}: {
  rows: readonly GroupBalanceRow[]
  measures: readonly BalanceMeasure[]
  testId: string
  live: SessionState
  edits: EditCounts
}) => {
  const t = useT()
  const turns = live.balance.turns
  return (
    <BalanceTable
      rows={rows}
      measures={measures}
      testId={testId}
      presentHeading={t('balance.here')}
      present={(row) => (
        <>
          {row.present}
          <span className="balance__share">{percent(row.presentShare)} %</span>
        </>
      )}
      groupNote={(row) =>
        measures.includes('turns') && row.present > 0 && (turns[row.group] ?? 0) === 0 ? (
          <span className="tag tag--warning balance__unheard">{t('session.notHeard')}</span>
        ) : null
      }
      cell={(row, measure) => (
        <>
          {measure === 'speakingMs'
            ? formatClock(row.measures[measure].value)
            : measure === 'edits'
              ? editCell(edits, row.group)
              : row.measures[measure].value}
          <span className="balance__share">{shareOf(row, measure)}</span>
        </>
      )}
    />
  )
}

/** "+120 −30": characters of plan text the group added and removed. */
const editCell = (edits: EditCounts, group: string) =>
  `+${edits.added[group] ?? 0} −${edits.removed[group] ?? 0}`

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
