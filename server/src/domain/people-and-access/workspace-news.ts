import type { AuditAction } from '../../../../shared/src/schema/audit.js'
import { bumpNews, type NewsTopic } from '../../../../shared/src/ydoc/workspace-news.js'
import { type AnnouncePort, PresenceAnnouncements } from './presence-announcements.js'

/** Which lists an audited action changes, besides the audit log itself. */
const topicsOf: Record<AuditAction, readonly NewsTopic[]> = {
  'workspace.created': ['people'],
  'workspace.language_changed': ['people'],
  'participant.role_changed': ['people'],
  'participant.group_changed': ['people'],
  'participant.removed': ['people'],
  'invite.created': ['invites'],
  'invite.revoked': ['invites'],
  'sign_in.accepted': ['invites'],
  'sign_in.withdrawn': ['invites'],
  'invite.accepted': ['people', 'invites'],
  'document.created': ['documents'],
  'document.renamed': ['documents'],
  'document.archived': ['documents'],
  'document.unarchived': ['documents'],
  'document.restored': ['documents'],
  'document.suggesting_changed': ['documents'],
  'workspace.exported': [],
  'comments.moderated': [],
  'party.named': ['mediations'],
  'party.changed': ['mediations'],
  'caucus.opened': ['mediations'],
  'caucus.closed': ['mediations'],
  'agreement.drafted': ['agreements', 'mediations'],
  'agreement.edited': ['agreements'],
  'agreement.signature': ['agreements'],
  'agreement.signed': ['agreements'],
  'term.status_changed': ['agreements'],
  'publication.changed': ['publication'],
  'session.started': ['sessions', 'mediations'],
  'session.ended': ['sessions', 'mediations'],
  'decision.recorded': ['sessions'],
  'webhook.registered': [],
  'webhook.removed': [],
  'webhook.secret_rolled': [],
  'webhook.redelivered': [],
}

/**
 * Tells open pages what changed in a workspace by counting topics up in its presence room.
 * Every change the API makes to a listed thing is audited, so the audit log is what it hears,
 * once the audited transaction has committed (a rolled-back one announces nothing). It still
 * waits for the end of the turn, so several changes in one turn make one room edit.
 */
export class WorkspaceNews {
  readonly #announcements: PresenceAnnouncements<NewsTopic>

  constructor(port: AnnouncePort) {
    this.#announcements = new PresenceAnnouncements(port, bumpNews)
  }

  heard(workspaceId: string, action: AuditAction): void {
    this.announce(workspaceId, [...topicsOf[action], 'audit'])
  }

  announce(workspaceId: string, topics: readonly NewsTopic[]): void {
    this.#announcements.add(workspaceId, topics)
  }
}
