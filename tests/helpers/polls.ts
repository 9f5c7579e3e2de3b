import { ErrorBody } from '../../shared/src/errors.js'
import type { PollSpec, PollView } from '../../shared/src/schema/poll.js'
import type { TestServer } from './server.js'
import { api } from './site.js'

/** Poll commands sent to a session as any client, and what they answer. */
export const pollCommands = (server: TestServer) => {
  const path = (sessionId: string) => `/api/sessions/${sessionId}/polls/commands`
  const run = (sessionId: string, token: string, command: unknown) =>
    api<{ poll: PollView; receipt?: string }>(server, 'POST', path(sessionId), {
      token,
      body: command,
      expect: 200,
    })
  return {
    run,
    open: async (
      sessionId: string,
      token: string,
      poll: Partial<Omit<PollSpec, 'options'>> &
        Pick<PollSpec, 'title' | 'kind'> & { options?: readonly string[] },
    ) => (await run(sessionId, token, { type: 'poll.open', poll })).poll,
    answer: (sessionId: string, token: string, pollId: string, answer: unknown, receipt?: string) =>
      run(sessionId, token, {
        type: 'poll.answer',
        pollId,
        answer,
        ...(receipt ? { receipt } : {}),
      }),
    list: async (sessionId: string, token: string) =>
      (
        await api<{ polls: PollView[] }>(server, 'GET', `/api/sessions/${sessionId}/polls`, {
          token,
        })
      ).polls,
    /** The error of a command refused with `status`. */
    refused: async (sessionId: string, token: string, command: unknown, status: number) =>
      ErrorBody.parse(
        await api(server, 'POST', path(sessionId), { token, body: command, expect: status }),
      ).error,
  }
}
