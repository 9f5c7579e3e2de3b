import { fetchAgreement } from '../../api/agreements.js'
import { Link } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { useLoad } from '../../app/use-load.js'

/** A link to another agreement of the workspace, named by its title once that is known. */
export const AgreementRef = ({
  workspaceId,
  agreementId,
}: {
  workspaceId: string
  agreementId: string
}) => {
  const [other] = useLoad(() => fetchAgreement(agreementId), [agreementId])
  return (
    <Link href={paths.agreement(workspaceId, agreementId)}>
      {other.state === 'ready' ? `“${other.value.title}”` : agreementId}
    </Link>
  )
}
