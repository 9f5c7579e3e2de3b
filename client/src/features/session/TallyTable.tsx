import type { StakeholderGroup } from '../../../../shared/src/schema/people.js'
import { Position } from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { GroupBadge } from '../people/GroupBadge.js'

export type PositionCounts = Record<Position, number>

/** One group's row of a tally: its counts, and how many people it stands for where that is shown. */
export interface TallyRow {
  group: StakeholderGroup
  counts: PositionCounts
  people?: number
}

/**
 * A tally as a table: stakeholder groups by positions, with the totals below. Named tallies and
 * anonymous ones both show it; `testId` and `totalsTestId` tell them apart.
 */
export const TallyTable = ({
  rows,
  totals,
  testId,
  totalsTestId,
}: {
  rows: readonly TallyRow[]
  totals: PositionCounts
  testId: string
  totalsTestId?: string
}) => {
  const t = useT()
  return (
    <div className="table-scroll">
      <table className="tally" data-testid={testId}>
        <caption>{t('session.tally')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('session.tallyGroup')}</th>
            {Position.options.map((value) => (
              <th scope="col" key={value}>
                {t(`session.position.${value}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ group, people, counts }) => (
            <tr key={group} data-group={group}>
              <th scope="row">
                <GroupBadge group={group} />
                {people === undefined ? null : (
                  <>
                    {' '}
                    <span className="muted">{t('anonymous.groupPeople', { count: people })}</span>
                  </>
                )}
              </th>
              {Position.options.map((value) => (
                <td key={value} data-position={value}>
                  {counts[value]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid={totalsTestId}>
            <th scope="row">{t('session.tallyTotal')}</th>
            {Position.options.map((value) => (
              <td key={value} data-position={value}>
                {totals[value]}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  )
}
