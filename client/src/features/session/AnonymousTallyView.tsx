import type { AnonymousTally } from '../../../../shared/src/schema/anonymous-positions.js'
import { useT } from '../../app/i18n/i18n.js'
import { TallyTable } from './TallyTable.js'

/**
 * The revealed tally of an anonymous proposal: totals, the groups large enough to show, and the
 * reasons for Object and Block without names.
 */
export const AnonymousTallyView = ({ tally }: { tally: AnonymousTally }) => {
  const t = useT()
  return (
    <>
      <TallyTable
        rows={tally.byGroup}
        totals={tally.totals}
        testId="anonymous-tally"
        totalsTestId="anonymous-totals"
      />
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
