/** Sums every series of one metric in Prometheus text format; null when it is absent. */
export const readMetric = (text: string, name: string): number | null => {
  let total: number | null = null
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue
    const rest = line.slice(name.length)
    // Skip longer names that share the prefix (e.g. mufakat_rooms_loaded_total).
    if (rest[0] !== ' ' && rest[0] !== '{') continue
    const value = Number(
      rest
        .replace(/^\{[^}]*\}/, '')
        .trim()
        .split(/\s+/)[0],
    )
    if (Number.isFinite(value)) total = (total ?? 0) + value
  }
  return total
}
