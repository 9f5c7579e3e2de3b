import { lazy, type ReactNode, Suspense, useState } from 'react'
import { StartPage } from '../features/start/StartPage.js'
import { Loading } from '../ui/Loading.js'
import { Header } from './Header.js'
import { HeaderSlotContext } from './header-slot.js'
import { I18nProvider, useT } from './i18n/i18n.js'
import { Link, useRoute } from './router.js'
import { paths, type Route } from './routes.js'

// The editor (Tiptap, ProseMirror, Yjs) is most of the code, and the workspace home and session
// pages need Yjs for presence and live state: each loads only where it is needed. The start page
// loads no zod either (its JavaScript budget is in docs/performance.md), so the join page, which
// checks the invite with zod, is loaded when it is opened.
const JoinPage = lazy(() =>
  import('../features/join/JoinPage.js').then((module) => ({ default: module.JoinPage })),
)
const WorkspaceHome = lazy(() =>
  import('../features/workspace/WorkspaceHome.js').then((module) => ({
    default: module.WorkspaceHome,
  })),
)
const DocumentPage = lazy(() =>
  import('../editor/DocumentPage.js').then((module) => ({ default: module.DocumentPage })),
)
const SessionPage = lazy(() =>
  import('../features/session/SessionPage.js').then((module) => ({ default: module.SessionPage })),
)

const CaucusPage = lazy(() =>
  import('../features/mediation/CaucusPage.js').then((module) => ({
    default: module.CaucusPage,
  })),
)
const AgreementPage = lazy(() =>
  import('../features/agreement/AgreementPage.js').then((module) => ({
    default: module.AgreementPage,
  })),
)
const WorkspaceLive = lazy(() =>
  import('../features/workspace/WorkspaceLive.js').then((module) => ({
    default: module.WorkspaceLive,
  })),
)
const PublicRecordPage = lazy(() =>
  import('../features/public-record/PublicRecordPage.js').then((module) => ({
    default: module.PublicRecordPage,
  })),
)
const SignInFailedPage = lazy(() =>
  import('../features/sign-in/SignInFailedPage.js').then((module) => ({
    default: module.SignInFailedPage,
  })),
)

/**
 * Every page of one workspace sits in the same WorkspaceLive, which stays mounted while the
 * person moves between them: one presence connection, and news for whichever page is open.
 */
const InWorkspace = ({ route, children }: { route: Route; children: ReactNode }) => {
  const t = useT()
  if (!('workspaceId' in route)) return children
  return (
    <Suspense fallback={<Loading label={t('common.loading')} />}>
      <WorkspaceLive key={route.workspaceId} workspaceId={route.workspaceId}>
        {children}
      </WorkspaceLive>
    </Suspense>
  )
}

const Page = ({ route }: { route: Route }) => {
  const t = useT()
  switch (route.page) {
    case 'start':
      return <StartPage />
    case 'join':
      return (
        <Suspense fallback={<Loading label={t('common.loading')} />}>
          <JoinPage code={route.code} />
        </Suspense>
      )
    case 'workspace':
      return (
        <Suspense fallback={<Loading label={t('common.loading')} />}>
          <WorkspaceHome workspaceId={route.workspaceId} />
        </Suspense>
      )
    case 'document':
      return (
        <Suspense fallback={<Loading label={t('common.loading')} />}>
          <DocumentPage
            key={route.documentId}
            workspaceId={route.workspaceId}
            documentId={route.documentId}
          />
        </Suspense>
      )
    case 'session':
      return (
        <Suspense fallback={<Loading label={t('common.loading')} />}>
          <SessionPage
            key={route.sessionId}
            workspaceId={route.workspaceId}
            sessionId={route.sessionId}
          />
        </Suspense>
      )
    case 'caucus':
      return (
        <Suspense fallback={<Loading label={t('common.loading')} />}>
          <CaucusPage
            key={route.caucusId}
            workspaceId={route.workspaceId}
            caucusId={route.caucusId}
          />
        </Suspense>
      )
    case 'agreement':
      return (
        <Suspense fallback={<Loading label={t('common.loading')} />}>
          <AgreementPage
            key={route.agreementId}
            workspaceId={route.workspaceId}
            agreementId={route.agreementId}
          />
        </Suspense>
      )
    case 'publicRecord':
      return (
        <Suspense fallback={<Loading label={t('common.loading')} />}>
          <PublicRecordPage key={route.publicId} publicId={route.publicId} />
        </Suspense>
      )
    case 'signInFailed':
      return (
        <Suspense fallback={<Loading label={t('common.loading')} />}>
          <SignInFailedPage reason={route.reason} />
        </Suspense>
      )
    case 'notFound':
      return (
        <main id="main" className="page">
          <h1>{t('notFound.title')}</h1>
          <p>
            <Link href={paths.start()}>{t('notFound.back')}</Link>
          </p>
        </main>
      )
    default: {
      const unknownRoute: never = route
      return unknownRoute
    }
  }
}

/** The shell: skip link, header with the workspace switcher and language, then the page. */
export const App = () => (
  <I18nProvider>
    <Shell />
  </I18nProvider>
)

const Shell = () => {
  const t = useT()
  const route = useRoute()
  const [headerSlot, setHeaderSlot] = useState<HTMLElement | null>(null)
  return (
    <>
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <Header slot={setHeaderSlot} />
      <HeaderSlotContext.Provider value={headerSlot}>
        <InWorkspace route={route}>
          <Page route={route} />
        </InWorkspace>
      </HeaderSlotContext.Provider>
    </>
  )
}
