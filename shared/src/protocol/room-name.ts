/**
 * Room names travel in the URL path (`/sync/<room>`), so they are restricted to characters that
 * need no escaping and cannot traverse paths. `:` separates a room kind from its id (`doc:…`).
 */
const roomNamePattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/

export const isRoomName = (value: string): boolean => roomNamePattern.test(value)

/** Room name from the path of a sync request, or undefined when the path is not a sync path. */
export const roomNameFromSyncPath = (pathname: string): string | undefined => {
  const prefix = '/sync/'
  if (!pathname.startsWith(prefix)) return undefined
  let name: string
  try {
    name = decodeURIComponent(pathname.slice(prefix.length))
  } catch {
    return undefined
  }
  return isRoomName(name) ? name : undefined
}
