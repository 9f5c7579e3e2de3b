import type { AnonymousTally } from '../../../../shared/src/schema/anonymous-positions.js'
import { Position } from '../../../../shared/src/schema/session.js'
import { useT } from '../../app/i18n/i18n.js'
import { GroupBadge } from '../people/GroupBadge.js'

/**
 * The revealed tally of an anonymous proposal: totals, the groups large enough to show, and the
 * reasons for Object and Block without names.
 */
export const AnonymousTallyView = ({ tally }: { tally: AnonymousTally }) => {
  const t = useT()
  return (
    <>
      <div className="table-scroll">
        <table className="tally" data-testid="anonymous-tally">
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
            {tally.byGroup.map(({ group, people, counts }) => (
              <tr key={group} data-group={group}>
                <th scope="row">
                  <GroupBadge group={group} />{' '}
                  <span className="muted">{t('anonymous.groupPeople', { count: people })}</span>
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
            <tr data-testid="anonymous-totals">
              <th scope="row">{t('session.tallyTotal')}</th>
              {Position.options.map((value) => (
                <td key={value} data-position={value}>
                  {tally.totals[value]}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      {tally.withheld > 0 ? (
        <p className="muted">{t('anonymous.withheld', { count: tally.withheld })}</p>
      ) : null}
      <h4>{t('anonymous.reasons')}</h4>
      {tally.reasons.length > 0 ? (
        <ul data-testid="anonymous-reasons">
          {tally.reasons.map(({ value, reason }, index) => (
            // Reasons have no identity of their own; their order is fixed by the server.
            // biome-ignore lint/suspicious/noArrayIndexKey: the same reason may be given twice
            <li key={index}>
              <strong>{t(`session.position.${value}`)}:</strong> {reason}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('anonymous.noReasons')}</p>
      )}
    </>
  )
}
