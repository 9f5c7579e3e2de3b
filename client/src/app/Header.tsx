import { useJoinedWorkspaces } from '../features/workspace/joined-workspaces.js'
import { type Language, languages, useI18n } from './i18n/i18n.js'
import { Link, navigate, useRoute } from './router.js'
import { paths } from './routes.js'

const languageNames: Record<Language, string> = { en: 'English', id: 'Bahasa Indonesia' }

/**
 * Brand, the switcher between joined workspaces, the language choice, and a place for the open
 * page's own controls (`slot`, filled through InHeader).
 */
export const Header = ({ slot }: { slot: (element: HTMLElement | null) => void }) => {
  const { t, language, setLanguage } = useI18n()
  const route = useRoute()
  const joined = useJoinedWorkspaces()
  const currentWorkspace =
    route.page === 'workspace' || route.page === 'document' || route.page === 'session'
      ? route.workspaceId
      : ''
  return (
    <header className="topbar">
      <Link href={paths.start()} className="topbar__brand">
        Mufakat
      </Link>
      <div className="topbar__controls">
        {joined.length > 0 ? (
          <label className="topbar__control">
            <span>{t('shell.workspace')}</span>
            <select
              aria-label={t('shell.workspace')}
              value={currentWorkspace}
              onChange={(event) =>
                navigate(event.target.value ? paths.workspace(event.target.value) : paths.start())
              }
            >
              <option value="">{t('shell.allWorkspaces')}</option>
              {joined.map((workspace) => (
                <option key={workspace.id} value={workspace.id}>
                  {workspace.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="topbar__control">
          <span>{t('shell.language')}</span>
          <select
            aria-label={t('shell.language')}
            value={language}
            onChange={(event) => setLanguage(event.target.value as Language)}
          >
            {languages.map((code) => (
              <option key={code} value={code} lang={code}>
                {languageNames[code]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="topbar__slot" ref={slot} />
    </header>
  )
}
