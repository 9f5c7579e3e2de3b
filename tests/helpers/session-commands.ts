import { ErrorBody } from '../../shared/src/errors.js'
import type { Session, SessionCommand, SessionState } from '../../shared/src/schema/session.js'
import type { TestServer } from './server.js'
import { api, type Site } from './site.js'

/** A workshop opened by the site's facilitator, and commands sent to sessions as any client. */
export const sessionCommands = (server: TestServer, site: Site) => ({
  open: (title: string) =>
    api<{ session: Session; state: SessionState }>(
      server,
      'POST',
      `/api/workspaces/${site.workspaceId}/sessions`,
      {
        token: site.token,
        body: {
          title,
          kind: 'workshop',
          agenda: [
            { title: 'Opening', minutes: 5 },
            { title: 'Decide', minutes: 20 },
          ],
        },
      },
    ),
  /** A proposal about a plan, as a runner opens it. */
  proposalOn: (documentId: string): SessionCommand => ({
    type: 'proposal.open',
    title: 'Adopt the plan',
    text: 'Adopt the mobility plan.',
    documentId,
  }),
  run: (sessionId: string, token: string, command: SessionCommand) =>
    api<{ state: SessionState }>(server, 'POST', `/api/sessions/${sessionId}/commands`, {
      token,
      body: command,
      expect: 200,
    }),
  /** The error of a command refused with `status`. */
  refused: async (sessionId: string, token: string, command: unknown, status: number) =>
    ErrorBody.parse(
      await api(server, 'POST', `/api/sessions/${sessionId}/commands`, {
        token,
        body: command,
        expect: status,
      }),
    ).error,
})
