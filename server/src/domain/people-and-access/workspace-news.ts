import type { AuditAction } from '../../../../shared/src/schema/audit.js'
import { presenceRoomName } from '../../../../shared/src/ydoc/rooms.js'
import { bumpNews, type NewsTopic } from '../../../../shared/src/ydoc/workspace-news.js'
import type { LiveRooms } from '../ports.js'

/** Which lists an audited action changes, besides the audit log itself. */
const topicsOf: Record<AuditAction, readonly NewsTopic[]> = {
  'workspace.created': ['people'],
  'workspace.language_changed': ['people'],
  'participant.role_changed': ['people'],
  'participant.group_changed': ['people'],
  'participant.removed': ['people'],
  'invite.created': ['invites'],
  'invite.revoked': ['invites'],
  'invite.accepted': ['people', 'invites'],
  'document.created': ['documents'],
  'document.renamed': ['documents'],
  'document.archived': ['documents'],
  'document.unarchived': ['documents'],
  'document.restored': ['documents'],
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
}

export interface NewsPort {
  /** Edits the presence room if some page has it open; news for nobody loads nothing. */
  edit: LiveRooms['edit']
  /** Whether the workspace still exists: a deleted one's room must not be written again. */
  exists(workspaceId: string): Promise<boolean>
  failed(error: unknown, workspaceId: string): void
}

/**
 * Tells open pages what changed in a workspace by counting topics up in its presence room.
 * Every change the API makes to a listed thing is audited, so the audit log is what it hears,
 * once the audited transaction has committed (a rolled-back one announces nothing). It still
 * waits for the end of the turn, so several changes in one turn make one room edit.
 */
export class WorkspaceNews {
  #pending = new Map<string, Set<NewsTopic>>()
  #scheduled: NodeJS.Immediate | undefined

  constructor(private readonly port: NewsPort) {}

  heard(workspaceId: string, action: AuditAction): void {
    this.announce(workspaceId, [...topicsOf[action], 'audit'])
  }

  announce(workspaceId: string, topics: readonly NewsTopic[]): void {
    const pending = this.#pending.get(workspaceId) ?? new Set()
    for (const topic of topics) pending.add(topic)
    this.#pending.set(workspaceId, pending)
    this.#scheduled ??= setImmediate(() => this.#flush())
  }

  #flush(): void {
    this.#scheduled = undefined
    const pending = this.#pending
    this.#pending = new Map()
    for (const [workspaceId, topics] of pending) {
      this.#announceNow(workspaceId, topics).catch((error: unknown) =>
        this.port.failed(error, workspaceId),
      )
    }
  }

  async #announceNow(workspaceId: string, topics: ReadonlySet<NewsTopic>): Promise<void> {
    if (!(await this.port.exists(workspaceId))) return
    await this.port.edit(presenceRoomName(workspaceId), (doc) => bumpNews(doc, topics))
  }
}
