import { endSession } from '../../api/workspaces.js'
import { forgetKeptDrafts } from '../../editor/comments/kept-draft.js'
import { clearLocalCopies } from '../../sync/local-copies.js'
import { forgetWorkspace } from './joined-workspaces.js'

/**
 * Leaves a workspace on this browser: the server clears the cookie, and every local copy of its
 * documents goes too. Used when the person leaves, and when the server says they were removed.
 */
export const leaveWorkspace = async (
  workspaceId: string,
  options: { endSession: boolean },
): Promise<void> => {
  forgetWorkspace(workspaceId)
  forgetKeptDrafts()
  if (options.endSession) {
    // Offline, the cookie cannot be cleared now; the local copies still go.
    await endSession(workspaceId).catch(() => undefined)
  }
  await clearLocalCopies(workspaceId)
}
