/** Every page of the client, parsed from the path. One place knows the URL shapes. */
export type Route =
  | { page: 'start' }
  | { page: 'join'; code: string }
  | { page: 'workspace'; workspaceId: string }
  | { page: 'document'; workspaceId: string; documentId: string }
  | { page: 'session'; workspaceId: string; sessionId: string }
  | { page: 'caucus'; workspaceId: string; caucusId: string }
  | { page: 'agreement'; workspaceId: string; agreementId: string }
  | { page: 'publicRecord'; publicId: string }
  | { page: 'signInFailed'; reason: string }
  | { page: 'notFound' }

const segment = '([A-Za-z0-9_-]{1,64})'
const patterns: Array<[RegExp, (match: string[]) => Route]> = [
  [/^\/$/, () => ({ page: 'start' })],
  [new RegExp(`^/join/${segment}/?$`), ([, code]) => ({ page: 'join', code: code ?? '' })],
  [
    new RegExp(`^/w/${segment}/?$`),
    ([, workspaceId]) => ({ page: 'workspace', workspaceId: workspaceId ?? '' }),
  ],
  [
    new RegExp(`^/w/${segment}/d/${segment}/?$`),
    ([, workspaceId, documentId]) => ({
      page: 'document',
      workspaceId: workspaceId ?? '',
      documentId: documentId ?? '',
    }),
  ],
  [
    new RegExp(`^/w/${segment}/s/${segment}/?$`),
    ([, workspaceId, sessionId]) => ({
      page: 'session',
      workspaceId: workspaceId ?? '',
      sessionId: sessionId ?? '',
    }),
  ],
  [
    new RegExp(`^/w/${segment}/c/${segment}/?$`),
    ([, workspaceId, caucusId]) => ({
      page: 'caucus',
      workspaceId: workspaceId ?? '',
      caucusId: caucusId ?? '',
    }),
  ],
  [
    new RegExp(`^/w/${segment}/a/${segment}/?$`),
    ([, workspaceId, agreementId]) => ({
      page: 'agreement',
      workspaceId: workspaceId ?? '',
      agreementId: agreementId ?? '',
    }),
  ],
  [
    new RegExp(`^/p/${segment}/?$`),
    ([, publicId]) => ({ page: 'publicRecord', publicId: publicId ?? '' }),
  ],
  [
    new RegExp(`^/sign-in/failed/${segment}/?$`),
    ([, reason]) => ({ page: 'signInFailed', reason: reason ?? '' }),
  ],
]

export const parseRoute = (pathname: string): Route => {
  for (const [pattern, build] of patterns) {
    const match = pattern.exec(pathname)
    if (match) return build([...match])
  }
  return { page: 'notFound' }
}

export const paths = {
  start: () => '/',
  join: (code: string) => `/join/${code}`,
  workspace: (workspaceId: string) => `/w/${workspaceId}`,
  document: (workspaceId: string, documentId: string) => `/w/${workspaceId}/d/${documentId}`,
  session: (workspaceId: string, sessionId: string) => `/w/${workspaceId}/s/${sessionId}`,
  caucus: (workspaceId: string, caucusId: string) => `/w/${workspaceId}/c/${caucusId}`,
  agreement: (workspaceId: string, agreementId: string) => `/w/${workspaceId}/a/${agreementId}`,
  publicRecord: (publicId: string) => `/p/${publicId}`,
  signInFailed: (reason: string) => `/sign-in/failed/${reason}`,
}
