import { useT } from '../../app/i18n/i18n.js'
import { Link } from '../../app/router.js'
import { paths } from '../../app/routes.js'
import { useJoinedWorkspaces } from '../workspace/joined-workspaces.js'
import { CreateWorkspaceForm } from './CreateWorkspaceForm.js'

/** What someone sees first: what Mufakat is, their workspaces, and starting a new one. */
export const StartPage = () => {
  const t = useT()
  const joined = useJoinedWorkspaces()
  return (
    <main id="main" className="page page--narrow">
      <div className="intro">
        <h1>{t('start.title')}</h1>
        <p className="lead">{t('start.lead')}</p>
      </div>
      {joined.length > 0 ? (
        <section className="panel" aria-labelledby="joined-heading">
          <h2 id="joined-heading">{t('start.yourWorkspaces')}</h2>
          <ul className="link-list">
            {joined.map((workspace) => (
              <li key={workspace.id}>
                <Link href={paths.workspace(workspace.id)}>{workspace.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <CreateWorkspaceForm />
      <p className="muted">{t('start.joinHint')}</p>
    </main>
  )
}
