import type { Permission } from '../protocol/permission.js'
import type { Role } from '../schema/people.js'

/** The kinds of room a document has; the kind is the room name's prefix. */
export const RoomKind = {
  text: 'doc',
  comments: 'comments',
  session: 'session',
  presence: 'presence',
  /** A mediation's issues and options board. */
  board: 'board',
  /** A caucus's shared text, and its notes (comments on that text). */
  caucus: 'caucus',
  caucusNotes: 'caucus-notes',
} as const
export type RoomKind = (typeof RoomKind)[keyof typeof RoomKind]

export const textRoomName = (documentId: string): string => `${RoomKind.text}:${documentId}`
/** A workspace's presence room: no content, only awareness — who is online anywhere in it. */
export const presenceRoomName = (workspaceId: string): string =>
  `${RoomKind.presence}:${workspaceId}`
export const commentsRoomName = (documentId: string): string => `${RoomKind.comments}:${documentId}`
export const boardRoomName = (sessionId: string): string => `${RoomKind.board}:${sessionId}`
export const caucusRoomName = (caucusId: string): string => `${RoomKind.caucus}:${caucusId}`
export const caucusNotesRoomName = (caucusId: string): string =>
  `${RoomKind.caucusNotes}:${caucusId}`

/** Rooms whose content is private to a few people: never kept in a browser's offline storage. */
export const isPrivateRoom = (room: string): boolean =>
  room.startsWith(`${RoomKind.caucus}:`) || room.startsWith(`${RoomKind.caucusNotes}:`)

/** The Y.XmlFragment Tiptap's Collaboration extension edits (its default `field`). */
export const textFragmentName = 'default'

/**
 * Who may do what in each kind of room; `undefined` means the room may not be opened. For a
 * caucus this is the most a role may do: only the caucus's mediator and party may enter at all.
 */
const permissions: Record<RoomKind, Record<Role, Permission | undefined>> = {
  doc: {
    facilitator: 'write',
    mediator: 'write',
    stakeholder: 'write',
    commenter: 'read',
    observer: 'read',
  },
  comments: {
    facilitator: 'write',
    mediator: 'write',
    stakeholder: 'write',
    commenter: 'write',
    observer: 'read',
  },
  // Awareness only: read permission still lets everyone show themselves as online.
  presence: {
    facilitator: 'read',
    mediator: 'read',
    stakeholder: 'read',
    commenter: 'read',
    observer: 'read',
  },
  // Server-owned like the session room: everyone reads; changes are REST commands.
  board: {
    facilitator: 'read',
    mediator: 'read',
    stakeholder: 'read',
    commenter: 'read',
    observer: 'read',
  },
  caucus: {
    facilitator: 'write',
    mediator: 'write',
    stakeholder: 'write',
    commenter: 'read',
    observer: 'read',
  },
  'caucus-notes': {
    facilitator: 'write',
    mediator: 'write',
    stakeholder: 'write',
    commenter: 'write',
    observer: 'read',
  },
  // Server-owned: everyone reads, nobody writes; commands change it over REST.
  session: {
    facilitator: 'read',
    mediator: 'read',
    stakeholder: 'read',
    commenter: 'read',
    observer: 'read',
  },
}

export const roomPermission = (role: Role, kind: RoomKind): Permission | undefined =>
  permissions[kind][role]
