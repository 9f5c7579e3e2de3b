/**
 * Whether a feed shows every signed agreement its log holds. Its rows can be deleted from the
 * database while its entries stay in the signed log: the feed then simply leaves it out, and
 * only a check against the log's own records notices. `logged` are the log's records, checked
 * against its signed root; `shown` the feed's agreements.
 */
export const firstUnshownAgreement = (
  shown: readonly unknown[],
  logged: readonly unknown[],
): { sequence: number; title: string } | undefined => {
  const ids = new Set(shown.map((agreement) => (agreement as { id?: unknown } | null)?.id))
  const missing = logged.find((record) => {
    const { kind, id } = (record ?? {}) as Record<string, unknown>
    return kind === 'agreement' && !ids.has(id)
  }) as { id?: unknown; title?: unknown; sequence?: unknown } | undefined
  return (
    missing && { sequence: Number(missing.sequence), title: String(missing.title ?? missing.id) }
  )
}

/** The same, in one sentence for the command. */
export const unshownAgreementProblem = (
  shown: readonly unknown[],
  logged: readonly unknown[],
): string | undefined => {
  const missing = firstUnshownAgreement(shown, logged)
  return missing
    ? `the signed agreement “${missing.title}” is in the log but the public record does not show it (record ${missing.sequence})`
    : undefined
}
