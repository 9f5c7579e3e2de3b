import { StakeholderGroup } from '../../../../shared/src/schema/people.js'
import type { SessionState, TakenPosition } from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { PositionList } from './PositionList.js'
import { type PositionCounts, TallyTable } from './TallyTable.js'

const zero = (): PositionCounts => ({
  agree: 0,
  agree_with_concerns: 0,
  stand_aside: 0,
  object: 0,
  block: 0,
})

/** Counts of each position, per stakeholder group, in the groups' fixed order. */
export const tallyByGroup = (positions: readonly TakenPosition[]) => {
  const byGroup = new Map<StakeholderGroup, PositionCounts>()
  for (const group of StakeholderGroup.options) {
    const taken = positions.filter((position) => position.group === group)
    if (taken.length === 0) continue
    const counts = zero()
    for (const position of taken) counts[position.value] += 1
    byGroup.set(group, counts)
  }
  return byGroup
}

/** The live tally of the open proposal: a table of groups by positions, then who said what. */
export const PositionTally = ({
  proposal,
}: {
  proposal: NonNullable<SessionState['proposal']>
}) => {
  const t = useT()
  const tally = tallyByGroup(proposal.positions)
  const totals = zero()
  for (const position of proposal.positions) totals[position.value] += 1
  if (proposal.positions.length === 0) return <p className="muted">{t('session.noPositions')}</p>
  return (
    <>
      <TallyTable
        rows={[...tally].map(([group, counts]) => ({ group, counts }))}
        totals={totals}
        testId="tally"
      />
      <h4>{t('session.positionsList')}</h4>
      <PositionList positions={proposal.positions} />
    </>
  )
}
