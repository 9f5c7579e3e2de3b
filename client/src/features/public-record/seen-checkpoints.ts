import type { SeenCheckpoint } from '../../../../shared/src/transparency-check/log-audit.js'

/**
 * The last checkpoint this browser verified for each published record, in localStorage: the
 * next visit checks that the log only grew since, so a rewrite after this reader once looked
 * shows on their own screen. A check that fails never replaces it: it is the evidence.
 */
const key = (publicId: string) => `mufakat.log-checkpoint.${publicId}`

const isSeenCheckpoint = (value: unknown): value is SeenCheckpoint => {
  const seen = value as Partial<SeenCheckpoint> | null
  return (
    typeof seen?.key === 'string' &&
    typeof seen.note === 'string' &&
    typeof seen.origin === 'string' &&
    typeof seen.size === 'number' &&
    typeof seen.root === 'string' &&
    typeof seen.seenAt === 'string'
  )
}

export const lastSeenCheckpoint = (publicId: string): SeenCheckpoint | undefined => {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(key(publicId)) ?? 'null')
    return isSeenCheckpoint(value) ? value : undefined
  } catch {
    // Unreadable storage (private mode, a hand-edited value) is a first look, not a failure.
    return undefined
  }
}

export const rememberCheckpoint = (publicId: string, checkpoint: SeenCheckpoint): void => {
  try {
    window.localStorage.setItem(key(publicId), JSON.stringify(checkpoint))
  } catch {
    // Storage full or refused: the check still holds for this visit.
  }
}
