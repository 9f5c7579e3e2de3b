import * as Y from 'yjs'
import type { AuditEntry } from '../../../../shared/src/schema/audit.js'
import type { PlanDocument } from '../../../../shared/src/schema/document.js'
import type { Invite } from '../../../../shared/src/schema/invite.js'
import type { Agreement, Caucus, Party } from '../../../../shared/src/schema/mediation.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import type { ChainRecord, RecordPeople } from '../../../../shared/src/schema/record-chain.js'
import type { Session, SessionEvent, SessionState } from '../../../../shared/src/schema/session.js'
import type { Version } from '../../../../shared/src/schema/version.js'
import type { Workspace } from '../../../../shared/src/schema/workspace.js'
import type { ProseMirrorNode } from '../../../../shared/src/ydoc/prosemirror-json.js'
import { boardRoomName, textFragmentName } from '../../../../shared/src/ydoc/rooms.js'
import { mapInOrder } from '../in-order.js'
import { storedRoomDoc } from '../plans-and-versions/room-content.js'
import type { Stores } from '../ports.js'
import { shownEvents, shownState } from '../sessions-and-decisions/hidden-results.js'

export interface WorkspaceExport {
  exportedAt: string
  workspace: Workspace
  participants: Participant[]
  invites: Invite[]
  documents: (PlanDocument & {
    rooms: Record<string, { update: string; text?: string }>
    versions: (Version & { content: ProseMirrorNode })[]
  })[]
  audit: AuditEntry[]
  sessions: (Session & {
    state: SessionState | undefined
    events: SessionEvent[]
    parties: Party[]
    /** A mediation's issues-and-options board (its Yjs state). */
    board?: { update: string }
    /** That each caucus took place; never what was said in it (private to its mediator and party). */
    caucuses: Omit<Caucus, 'canEnter'>[]
  })[]
  /**
   * Every agreement as readers are shown it: a signed one as its log entries hold it, with
   * `logCheck` saying whether its stored rows still match them.
   */
  agreements: Agreement[]
  records: ChainRecord[]
  /** The name shown for each person commitment in `records` (kept outside the log). */
  people: RecordPeople
}

/** A room's stored content: its Yjs state (base64) and, for a text room, the text as XML. */
const roomContent = async (stores: Stores, room: string, isText: boolean) => {
  const doc = await storedRoomDoc(stores, room)
  const content = {
    update: Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64'),
    ...(isText ? { text: doc.getXmlFragment(textFragmentName).toString() } : {}),
  }
  doc.destroy()
  return content
}

/**
 * Everything a workspace holds, as plain JSON: people (never their token hashes), invites,
 * documents with their rooms and versions, sessions with their events, decisions and the audit
 * log. What the data-protection promise lets a facilitator take away.
 */
export const exportWorkspace = async (
  stores: Stores,
  workspace: Workspace,
  record: Pick<WorkspaceExport, 'agreements' | 'people'>,
): Promise<WorkspaceExport> => {
  const workspaceId = workspace.id
  return {
    exportedAt: new Date().toISOString(),
    workspace,
    participants: await stores.workspaces.listParticipants(workspaceId),
    invites: await stores.invites.list(workspaceId),
    documents: await mapInOrder(await stores.documents.list(workspaceId), async (document) => ({
      ...document,
      rooms: {
        [document.room]: await roomContent(stores, document.room, true),
        [document.commentsRoom]: await roomContent(stores, document.commentsRoom, false),
      },
      versions: await mapInOrder(await stores.versions.list(document.id), async (version) => ({
        ...version,
        content: (await stores.versions.find(document.id, version.id))?.content ?? { type: 'doc' },
      })),
    })),
    audit: await stores.audit.list(workspaceId),
    sessions: await mapInOrder(await stores.sessions.list(workspaceId), async (session) => {
      // A proposal hiding its results hides them from the export too, until it closes.
      const state = (await stores.sessions.find(session.id))?.state
      return {
        ...session,
        state: state && shownState(state),
        events: state ? shownEvents(await stores.sessions.events(session.id), state) : [],
        parties: await stores.mediation.parties(session.id),
        ...(session.kind === 'mediation'
          ? { board: await roomContent(stores, boardRoomName(session.id), false) }
          : {}),
        // That each caucus met, and when; its title, like its content, is for those inside.
        caucuses: (await stores.mediation.caucuses(session.id)).map((caucus) => ({
          ...caucus,
          title: null,
        })),
      }
    }),
    agreements: record.agreements,
    records: await stores.chain.list(workspaceId),
    people: record.people,
  }
}
