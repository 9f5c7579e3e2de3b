import type { SaveStatus } from './save-tracker.js'

const severity: Record<SaveStatus['state'], number> = {
  saved: 0,
  saving: 1,
  connecting: 2,
  reconnecting: 3,
  offline: 4,
}

/** One badge for a document's rooms (text and comments): the least saved one speaks. */
export const combinedStatus = (statuses: readonly SaveStatus[]): SaveStatus => {
  const pending = statuses.reduce(
    (sum, status) => sum + ('pending' in status ? status.pending : 0),
    0,
  )
  const worst = statuses.reduce<SaveStatus>(
    (current, status) => (severity[status.state] > severity[current.state] ? status : current),
    { state: 'saved' },
  )
  return worst.state === 'offline' || worst.state === 'reconnecting'
    ? { state: worst.state, pending }
    : worst
}
