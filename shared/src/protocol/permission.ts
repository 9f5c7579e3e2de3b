/** What one connection may do in one room. Ordered: each level includes the ones before it. */
export const Permission = {
  read: 'read',
  comment: 'comment',
  write: 'write',
} as const
export type Permission = (typeof Permission)[keyof typeof Permission]

/** Whether updates from a connection with this permission may change the room's document. */
export const canChangeDocument = (permission: Permission): boolean =>
  permission === Permission.write || permission === Permission.comment
