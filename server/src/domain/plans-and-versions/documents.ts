import * as Y from 'yjs'
import { CloseCode } from '../../../../shared/src/protocol/close-code.js'
import type {
  CreateDocumentBody,
  PlanDocument,
  UpdateDocumentBody,
} from '../../../../shared/src/schema/document.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import { commentsRoomName, textRoomName } from '../../../../shared/src/ydoc/rooms.js'
import { DomainError } from '../domain-error.js'
import { recordAudit } from '../people-and-access/audit.js'
import { workspaceLanguage } from '../people-and-access/workspace-language.js'
import type { LiveRooms, Stores, Transaction } from '../ports.js'
import { newId } from '../secrets.js'
import { templateUpdate } from './templates.js'

/** The plans a workspace co-writes. Each document owns a text room and a comments room. */
export class Documents {
  constructor(
    private readonly stores: Stores,
    private readonly live: LiveRooms,
  ) {}

  async create(actor: Participant, body: CreateDocumentBody): Promise<PlanDocument> {
    const id = newId()
    const document: PlanDocument = {
      id,
      workspaceId: actor.workspaceId,
      title: body.title,
      template: body.template,
      room: textRoomName(id),
      commentsRoom: commentsRoomName(id),
      archived: false,
      commentersMaySuggest: false,
      createdAt: new Date().toISOString(),
      createdBy: actor.id,
    }
    const seed = templateUpdate(
      body.template,
      await workspaceLanguage(this.stores, actor.workspaceId),
    )
    await this.stores.transaction(async (tx) => {
      await tx.documents.insert(document)
      // Seeded here, once, so every client starts from the same content.
      if (seed) {
        await tx.roomLog.append([{ room: document.room, update: seed }])
        // The template's words are known as chosen by whoever created the document, and its
        // client ids are theirs: nobody else may write under them.
        const clients = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(seed)).keys()
        const writers = [...clients].map((client) => [client, actor.id] as const)
        await tx.authorship.record([{ room: document.room, writers, deletions: [] }])
      }
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'document.created',
        target: id,
        details: { title: document.title, template: document.template },
      })
    })
    return document
  }

  async list(workspaceId: string): Promise<PlanDocument[]> {
    return await this.stores.documents.list(workspaceId)
  }

  /** The workspace a document belongs to, if it exists. */
  async workspaceOf(id: string): Promise<string | undefined> {
    return (await this.stores.documents.find(id))?.workspaceId
  }

  async get(workspaceId: string, id: string): Promise<PlanDocument> {
    const document = await this.stores.documents.find(id)
    if (!document || document.workspaceId !== workspaceId) {
      throw new DomainError('not_found', 'no such document in this workspace')
    }
    return document
  }

  async update(actor: Participant, id: string, change: UpdateDocumentBody): Promise<PlanDocument> {
    return await this.stores.transaction(async (tx) => {
      const document = await this.get(actor.workspaceId, id)
      const title = change.title ?? document.title
      const archived = change.archived ?? document.archived
      const commentersMaySuggest = change.commentersMaySuggest ?? document.commentersMaySuggest
      await tx.documents.update(id, { title, archived, commentersMaySuggest })
      if (title !== document.title) {
        await recordAudit(tx, {
          workspaceId: actor.workspaceId,
          actorId: actor.id,
          action: 'document.renamed',
          target: id,
          details: { from: document.title, to: title },
        })
      }
      if (archived !== document.archived) {
        await recordAudit(tx, {
          workspaceId: actor.workspaceId,
          actorId: actor.id,
          action: archived ? 'document.archived' : 'document.unarchived',
          target: id,
        })
      }
      if (commentersMaySuggest !== document.commentersMaySuggest) {
        await recordAudit(tx, {
          workspaceId: actor.workspaceId,
          actorId: actor.id,
          action: 'document.suggesting_changed',
          target: id,
          details: { commentersMaySuggest },
        })
        await this.#regrantCommenters(tx, actor.workspaceId)
      }
      return { ...document, title, archived, commentersMaySuggest }
    })
  }

  /**
   * Commenters' open sockets carry the permission they connected with: make them reconnect and
   * be authorized anew, as a role change does (a commenter's sockets are few: a plan and its
   * comments).
   */
  async #regrantCommenters(tx: Transaction, workspaceId: string): Promise<void> {
    const commenters = (await tx.workspaces.listParticipants(workspaceId)).filter(
      (participant) => participant.role === 'commenter',
    )
    void tx.afterCommit(() => {
      for (const { id } of commenters) {
        this.live.disconnectParticipant(id, CloseCode.permissionsChanged, 'suggesting changed')
      }
    })
  }
}
