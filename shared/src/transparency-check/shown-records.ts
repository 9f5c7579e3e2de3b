/**
 * Whether what a server *shows* of a record is what its signed log holds: a row slipped into the
 * database (moved from another workspace, say) that the server never signed is served by the
 * feed but is in no checkpoint. The shown records must have been fetched *before* the log was
 * checked: the log only grows, so every one of them is then among the signed entries.
 */
const sameJson = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => sameJson(item, b[index]))
    )
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  const left = Object.entries(a).filter(([, value]) => value !== undefined)
  const right = new Map(Object.entries(b).filter(([, value]) => value !== undefined))
  return left.length === right.size && left.every(([key, value]) => sameJson(value, right.get(key)))
}

/**
 * The number of the first record `shown` (records with their `hash`) that is not the log's
 * record at that place — one past the log's end when the page shows more than was signed.
 * Without the log's records (entries withheld, names replaced: an anonymised record) only the
 * count can be compared with the signed size.
 */
export const firstUnsignedShown = (
  shown: readonly unknown[],
  logged: readonly unknown[] | { size: number },
): number | undefined => {
  if (!Array.isArray(logged)) {
    const { size } = logged as { size: number }
    return shown.length > size ? size + 1 : undefined
  }
  const index = shown.findIndex((record, at) => {
    const { hash: _hash, ...content } = (record ?? {}) as Record<string, unknown>
    return at >= logged.length || !sameJson(content, logged[at])
  })
  return index === -1 ? undefined : index + 1
}

/** The first way `shown` differs from the log's records, if any, in one sentence. */
export const shownRecordsProblem = (
  shown: readonly unknown[],
  logged: readonly unknown[],
): string | undefined => {
  if (shown.length > logged.length) {
    return `the public record shows ${shown.length} records, the signed log holds ${logged.length}: record ${logged.length + 1} was never signed`
  }
  const first = firstUnsignedShown(shown, logged)
  return first === undefined
    ? undefined
    : `record ${first} of the public record is not the one the signed log holds`
}
