import type { Agreement } from '../../../../shared/src/schema/mediation.js'
import { useT } from '../../app/i18n/i18n.js'
import { Link } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { statusKey } from './status.js'

/** An agreement in a list: its title, linked to its page, and its status. */
export const AgreementHeadline = ({
  workspaceId,
  agreement,
}: {
  workspaceId: string
  agreement: Agreement
}) => {
  const t = useT()
  return (
    <>
      <Link className="agreement-row__title" href={paths.agreement(workspaceId, agreement.id)}>
        {agreement.title}
      </Link>
      <span className={`tag agreement-tag agreement-tag--${agreement.status}`}>
        {t(statusKey(agreement))}
      </span>
    </>
  )
}
