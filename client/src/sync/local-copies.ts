/**
 * Which rooms this browser keeps a local copy of, per workspace, so leaving a workspace (or
 * being removed from it) can delete exactly those copies. Room names are not secrets.
 */
const key = (workspaceId: string) => `mufakat.rooms.${workspaceId}`
/** Cache Storage used by the service worker for the API answers of the offline shell. */
export const apiCacheName = 'mufakat-api'

export const rememberLocalCopy = (workspaceId: string, room: string): void => {
  const rooms = localCopies(workspaceId)
  if (rooms.includes(room)) return
  window.localStorage.setItem(key(workspaceId), JSON.stringify([...rooms, room]))
}

export const localCopies = (workspaceId: string): string[] => {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(key(workspaceId)) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter((room) => typeof room === 'string') : []
  } catch {
    return []
  }
}

/** Deletes every local copy of the workspace: its rooms' databases and its cached answers. */
export const clearLocalCopies = async (workspaceId: string): Promise<void> => {
  const rooms = localCopies(workspaceId)
  window.localStorage.removeItem(key(workspaceId))
  // y-indexeddb names each database after its room. Deleted directly, so the entry page
  // does not have to load Yjs just to leave a workspace.
  await Promise.all(rooms.map(deleteDatabase))
  if ('caches' in window) {
    const cache = await window.caches.open(apiCacheName)
    const prefix = `${window.location.origin}/api/workspaces/${workspaceId}`
    const requests = await cache.keys()
    await Promise.all(
      requests.filter((entry) => entry.url.startsWith(prefix)).map((entry) => cache.delete(entry)),
    )
  }
}

/** Deletes one room's copy on this device; it must not be open in this tab any more. */
export const deleteLocalCopy = (room: string): Promise<void> => deleteDatabase(room)

const deleteDatabase = (name: string) =>
  new Promise<void>((resolve) => {
    const request = window.indexedDB.deleteDatabase(name)
    // "blocked" means a tab still has it open; it is deleted as soon as that tab closes it.
    request.onsuccess = request.onerror = request.onblocked = () => resolve()
  })
