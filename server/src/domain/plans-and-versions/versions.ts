import * as Y from 'yjs'
import type { PlanAuthorship } from '../../../../shared/src/schema/authorship.js'
import type { PlanDocument } from '../../../../shared/src/schema/document.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import type {
  BlockChange,
  EditingSession,
  Version,
  VersionKind,
} from '../../../../shared/src/schema/version.js'
import {
  fragmentToProseMirror,
  nodeText,
  type ProseMirrorNode,
} from '../../../../shared/src/ydoc/prosemirror-json.js'
import { writeRestoreNotice } from '../../../../shared/src/ydoc/restore-notices.js'
import { textFragmentName } from '../../../../shared/src/ydoc/rooms.js'
import { acceptAllSuggestions, planAsItStands } from '../../../../shared/src/ydoc/suggestions.js'
import { DomainError } from '../domain-error.js'
import { recordAudit } from '../people-and-access/audit.js'
import { workspaceWords } from '../people-and-access/workspace-language.js'
import type { LiveRooms, Repositories, Stores, Transaction } from '../ports.js'
import { newId } from '../secrets.js'
import { diffBlocks } from './plan-content/block-diff.js'
import { authorshipFacts, nameAuthors, type PlanState } from './plan-content/change-authors.js'
import { planContentHash } from './plan-content/content-hash.js'
import { passageAuthors } from './plan-content/passage-authors.js'
import { restoreInto } from './plan-content/restore.js'
import { CompareBudget, type CompareLimits } from './plan-content/sequence-match.js'
import { storedRoomDoc } from './room-content.js'

/** Minutes of quiet after which the next edit starts a new editing session. */
const sessionGapMinutes = 10

export const liveVersion = 'live'

/** Named, frozen states of a document's text: save, read, compare, restore, and its activity. */
export class Versions {
  constructor(
    private readonly stores: Stores,
    private readonly live: LiveRooms,
    private readonly compareLimits: CompareLimits,
    /** Hears each version saved, once it has committed (webhooks). */
    private readonly saved: (document: PlanDocument, version: Version) => unknown = () => {},
  ) {}

  /** The document's text as it is now, everything committed first (so never in a transaction). */
  async current(document: PlanDocument): Promise<{ content: ProseMirrorNode; ydoc: Uint8Array }> {
    await this.live.commitPending()
    return await this.#committed(this.stores, document)
  }

  /** A version's text, or the live one, with the Yjs document it was read from. */
  async #state(document: PlanDocument, versionId: string): Promise<PlanState> {
    if (versionId === liveVersion) {
      await this.live.commitPending()
      const stored = await storedRoomDoc(this.stores, document.room)
      return {
        content: fragmentToProseMirror(stored.getXmlFragment(textFragmentName)),
        doc: stored,
      }
    }
    const { content } = await this.get(document, versionId)
    const ydoc = await this.stores.versions.ydoc(document.id, versionId)
    const doc = new Y.Doc()
    if (ydoc) Y.applyUpdate(doc, ydoc)
    return { content, doc }
  }

  /** Saves the text as it is now as a version, in a transaction of its own. */
  async save(
    actor: Participant,
    document: PlanDocument,
    name: string,
    kind: VersionKind = 'named',
    options: { acceptSuggestions?: boolean } = {},
  ): Promise<Version> {
    await this.live.commitPending()
    return await this.stores.transaction(
      async (tx) => await this.saveIn(tx, actor, document, name, kind, options),
    )
  }

  /**
   * Saves the committed text as a version, inside `tx`. What rooms hold in memory is not looked
   * at: a caller wanting it committed it before `tx` began, since a commit made inside would be
   * relayed at once and could still be rolled back with `tx`.
   */
  async saveIn(
    tx: Transaction,
    actor: Participant,
    document: PlanDocument,
    name: string,
    kind: VersionKind,
    options: { acceptSuggestions?: boolean } = {},
  ): Promise<Version> {
    const { content, ydoc } = await this.#committed(tx, document, options)
    const version: Version = {
      id: newId(),
      documentId: document.id,
      name,
      kind,
      contentHash: planContentHash(content),
      createdBy: actor.id,
      createdAt: new Date().toISOString(),
    }
    await tx.versions.insert(version, content, ydoc)
    void tx.afterCommit(() => this.saved(document, version))
    return version
  }

  async #committed(
    repositories: Pick<Repositories, 'roomLog'>,
    document: PlanDocument,
    options: { acceptSuggestions?: boolean } = {},
  ): Promise<{ content: ProseMirrorNode; ydoc: Uint8Array }> {
    const doc = await storedRoomDoc(repositories, document.room)
    // A copy read from the store: accepting here never touches the live room.
    if (options.acceptSuggestions) acceptAllSuggestions(doc.getXmlFragment(textFragmentName))
    const content = fragmentToProseMirror(doc.getXmlFragment(textFragmentName))
    const ydoc = Y.encodeStateAsUpdate(doc)
    doc.destroy()
    return { content, ydoc }
  }

  async list(document: PlanDocument): Promise<Version[]> {
    return await this.stores.versions.list(document.id)
  }

  /** A version's content, or the live text for `live`. */
  async content(document: PlanDocument, versionId: string): Promise<ProseMirrorNode> {
    if (versionId === liveVersion) return (await this.current(document)).content
    return (await this.get(document, versionId)).content
  }

  async get(
    document: PlanDocument,
    versionId: string,
  ): Promise<{ version: Version; content: ProseMirrorNode }> {
    const found = await this.stores.versions.find(document.id, versionId)
    if (!found) throw new DomainError('not_found', 'no such version of this document')
    return found
  }

  /** What changed from one state to the other, block by block, and who made each change. */
  async compare(document: PlanDocument, from: string, to: string): Promise<BlockChange[]> {
    const budget = new CompareBudget(this.compareLimits)
    const before = await this.#state(document, from)
    const after = await this.#state(document, to)
    try {
      const changes = diffBlocks(before.content, after.content, budget)
      const { authorship, workspaces } = this.stores
      const facts = authorshipFacts(
        await authorship.writers(document.room),
        await authorship.deletions(document.room),
      )
      const people = new Map(
        (await workspaces.listParticipants(document.workspaceId)).map((person) => [
          person.id,
          person.displayName,
        ]),
      )
      return nameAuthors(changes, { before, after, fragment: textFragmentName }, facts, people)
    } finally {
      before.doc.destroy()
      after.doc.destroy()
    }
  }

  /** Who wrote each passage of a version, or of the live text, clause by clause. */
  async authorship(document: PlanDocument, versionId: string): Promise<PlanAuthorship> {
    const state = await this.#state(document, versionId)
    try {
      const people = new Map(
        (await this.stores.workspaces.listParticipants(document.workspaceId)).map((person) => [
          person.id,
          { displayName: person.displayName, group: person.group },
        ]),
      )
      const writers = await this.stores.authorship.writerGroups(document.room)
      return passageAuthors(versionId, state, textFragmentName, writers, people)
    } finally {
      state.doc.destroy()
    }
  }

  /** What changed between two texts, within the comparison's budget (no authors). */
  diff(before: ProseMirrorNode, after: ProseMirrorNode): BlockChange[] {
    return diffBlocks(before, after, new CompareBudget(this.compareLimits))
  }

  /**
   * Makes the live text that of a version, as a new change everyone connected receives. The text
   * as it was is saved first as a version of its own, so nothing is lost.
   */
  async restore(actor: Participant, document: PlanDocument, versionId: string): Promise<Version> {
    const { version, content } = await this.get(document, versionId)
    const before = await this.save(
      actor,
      document,
      (await workspaceWords(this.stores, actor.workspaceId)).version.beforeRestore(version.name),
      'before-restore',
    )
    await this.live.edit(
      document.room,
      (doc) => {
        restoreInto(
          doc.getXmlFragment(textFragmentName),
          content,
          new CompareBudget(this.compareLimits),
        )
        // In the same change as the text, so nobody sees their text replaced without being told.
        writeRestoreNotice(doc, {
          version: version.id,
          savedBefore: before.id,
          by: actor.id,
          at: new Date().toISOString(),
        })
      },
      actor.id,
    )
    await this.stores.transaction(
      async (tx) =>
        await recordAudit(tx, {
          workspaceId: document.workspaceId,
          actorId: actor.id,
          action: 'document.restored',
          target: document.id,
          details: { version: version.id, name: version.name, savedBefore: before.id },
        }),
    )
    return before
  }

  /** Who edited the text, as sessions of editing, newest last. */
  async activity(document: PlanDocument): Promise<EditingSession[]> {
    await this.live.commitPending()
    const people = new Map(
      (await this.stores.workspaces.listParticipants(document.workspaceId)).map((person) => [
        person.id,
        person,
      ]),
    )
    const sessions: (EditingSession & { lastMinute: number })[] = []
    const open = new Map<string, EditingSession & { lastMinute: number }>()
    for (const row of await this.stores.activity.list(document.room)) {
      const current = open.get(row.participantId)
      if (current && row.minute - current.lastMinute <= sessionGapMinutes) {
        current.lastMinute = row.minute
        current.to = new Date((row.minute + 1) * 60_000).toISOString()
        current.updates += row.updates
        continue
      }
      const person = people.get(row.participantId)
      const session = {
        participantId: row.participantId,
        displayName: person?.displayName ?? 'former participant',
        group: person?.group ?? 'unknown',
        from: new Date(row.minute * 60_000).toISOString(),
        to: new Date((row.minute + 1) * 60_000).toISOString(),
        updates: row.updates,
        lastMinute: row.minute,
      }
      open.set(row.participantId, session)
      sessions.push(session)
    }
    return sessions.map(({ lastMinute: _, ...session }) => session)
  }

  /** Plain text of a plan as it stands (no suggestions): one block a paragraph. */
  static plainText(content: ProseMirrorNode): string {
    return `${(planAsItStands(content).content ?? []).map(nodeText).join('\n\n')}\n`
  }
}
