import { isMessageKey, useT } from '../../app/i18n/i18n.js'
import { Link } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { Notice } from '../../ui/Notice.js'

/** `/sign-in/failed/<reason>`: where the sign-in callback sends a browser it did not let in. */
export const SignInFailedPage = ({ reason }: { reason: string }) => {
  const t = useT()
  const key = `signInFailed.${reason}`
  return (
    <main id="main" className="page page--narrow">
      <h1>{t('signInFailed.title')}</h1>
      <Notice tone="error">
        <span data-reason={reason}>{isMessageKey(key) ? t(key) : t('signInFailed.unknown')}</span>
      </Notice>
      <p>
        <Link href={paths.start()}>{t('notFound.back')}</Link>
      </p>
    </main>
  )
}
