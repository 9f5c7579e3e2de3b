import { useEffect, useSyncExternalStore } from 'react'

/**
 * The workspaces this browser has joined, for the switcher: ids and names only. The token is
 * never here: it lives in the HttpOnly cookie the server set.
 */
export interface JoinedWorkspace {
  id: string
  name: string
}

const storageKey = 'mufakat.workspaces'
const changed = 'mufakat:workspaces-changed'

const read = (): string => window.localStorage.getItem(storageKey) ?? '[]'

const parse = (raw: string): JoinedWorkspace[] => {
  try {
    const value: unknown = JSON.parse(raw)
    if (!Array.isArray(value)) return []
    return value.filter(
      (entry): entry is JoinedWorkspace =>
        typeof entry?.id === 'string' && typeof entry?.name === 'string',
    )
  } catch {
    return []
  }
}

const write = (list: JoinedWorkspace[]) => {
  window.localStorage.setItem(storageKey, JSON.stringify(list))
  window.dispatchEvent(new Event(changed))
}

export const rememberWorkspace = (workspace: JoinedWorkspace): void => {
  const others = parse(read()).filter((entry) => entry.id !== workspace.id)
  write([{ id: workspace.id, name: workspace.name }, ...others])
}

/**
 * Remembers the workspace of the page open now once it is known, so the switcher offers it to
 * someone who came straight to a plan or a session (a link in a mail) and never to its home.
 */
export const useRememberWorkspace = (workspace: JoinedWorkspace | undefined): void => {
  const id = workspace?.id
  const name = workspace?.name
  useEffect(() => {
    if (id !== undefined && name !== undefined) rememberWorkspace({ id, name })
  }, [id, name])
}

export const forgetWorkspace = (workspaceId: string): void =>
  write(parse(read()).filter((entry) => entry.id !== workspaceId))

const subscribe = (listener: () => void) => {
  window.addEventListener(changed, listener)
  window.addEventListener('storage', listener)
  return () => {
    window.removeEventListener(changed, listener)
    window.removeEventListener('storage', listener)
  }
}

/** The joined workspaces, kept current across components and tabs. */
export const useJoinedWorkspaces = (): JoinedWorkspace[] => {
  const raw = useSyncExternalStore(subscribe, read)
  // `raw` is a string, so React compares snapshots by value; parse on each render is cheap.
  return parse(raw)
}
