import type { ReactNode } from 'react'
import {
  type BalanceMeasure,
  type GroupBalanceRow,
  percent,
} from '../../../../shared/src/schema/balance.js'
import { useT } from '../../app/i18n/i18n.js'
import { ScrollRegion } from '../../ui/ScrollRegion.js'
import { GroupBadge } from '../people/GroupBadge.js'

/**
 * One row per stakeholder group: its share of the people (here now, or who attended), then each
 * measure. The live session shows values beside shares; the workspace view, across sessions,
 * shares only. Both come in the same table so that they read alike.
 */
export const BalanceTable = ({
  rows,
  measures,
  testId,
  presentHeading,
  present,
  cell,
  groupNote,
}: {
  rows: readonly GroupBalanceRow[]
  measures: readonly BalanceMeasure[]
  testId: string
  presentHeading: string
  present: (row: GroupBalanceRow) => ReactNode
  cell: (row: GroupBalanceRow, measure: BalanceMeasure) => ReactNode
  /** Said beside a group's name, e.g. that it has not spoken yet. */
  groupNote?: (row: GroupBalanceRow) => ReactNode
}) => {
  const t = useT()
  return (
    <div className="balance-box">
      <ScrollRegion label={t('balance.caption')}>
        <table className="balance" data-testid={testId}>
          <caption className="visually-hidden">{t('balance.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('session.tallyGroup')}</th>
              <th scope="col">{presentHeading}</th>
              {measures.map((measure) => (
                <th scope="col" key={measure}>
                  {t(`balance.column.${measure}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.group} data-group={row.group}>
                <th scope="row">
                  <GroupBadge group={row.group} />
                  {groupNote?.(row)}
                </th>
                <td>{present(row)}</td>
                {measures.map((measure) => (
                  <td key={measure} data-measure={measure}>
                    {cell(row, measure)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  )
}

/** "42 %": a group's share of one measure. */
export const shareOf = (row: GroupBalanceRow, measure: BalanceMeasure): string =>
  `${percent(row.measures[measure].share)} %`
