import type * as Y from 'yjs'
import { presenceRoomName } from '../../../../shared/src/ydoc/rooms.js'
import type { LiveRooms } from '../ports.js'

export interface AnnouncePort {
  /** Edits the presence room if some page has it open; news for nobody loads nothing. */
  edit: LiveRooms['edit']
  /** Whether the workspace still exists: a deleted one's room must not be written again. */
  exists(workspaceId: string): Promise<boolean>
  failed(error: unknown, workspaceId: string): void
}

/**
 * What the server announces in workspaces' presence rooms (news topics, people to signal),
 * gathered until the end of the turn: several changes in one turn make one room edit per
 * workspace. Called once what it announces has committed.
 */
export class PresenceAnnouncements<T> {
  #pending = new Map<string, Set<T>>()
  #scheduled: NodeJS.Immediate | undefined

  constructor(
    private readonly port: AnnouncePort,
    private readonly write: (doc: Y.Doc, items: ReadonlySet<T>) => void,
  ) {}

  add(workspaceId: string, items: Iterable<T>): void {
    const pending = this.#pending.get(workspaceId) ?? new Set()
    for (const item of items) pending.add(item)
    this.#pending.set(workspaceId, pending)
    this.#scheduled ??= setImmediate(() => this.#flush())
  }

  #flush(): void {
    this.#scheduled = undefined
    const pending = this.#pending
    this.#pending = new Map()
    for (const [workspaceId, items] of pending) {
      this.#announceNow(workspaceId, items).catch((error: unknown) =>
        this.port.failed(error, workspaceId),
      )
    }
  }

  async #announceNow(workspaceId: string, items: ReadonlySet<T>): Promise<void> {
    if (!(await this.port.exists(workspaceId))) return
    await this.port.edit(presenceRoomName(workspaceId), (doc) => this.write(doc, items))
  }
}
