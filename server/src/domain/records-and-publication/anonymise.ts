/** Fields that hold a participant's id, each with the field beside it holding their name. */
const personFields: Record<string, string | undefined> = {
  participantId: 'name',
  ownerId: 'ownerName',
  recordedBy: undefined,
}

/** Fields people write in, where a name may appear among other words. */
const freeTextFields = new Set(['title', 'text', 'preamble', 'note', 'reason'])

/**
 * Digests of text that names people: with a short list of candidate names anyone could test
 * guesses against them, so an anonymised copy drops them.
 */
const nameDigestFields = new Set(['textHash'])

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Replaces every person in a value by a pseudonym ("Participant 3"), the same one everywhere:
 * an id field and the name beside it by the id's pseudonym, and the names of `people` wherever
 * they appear in free text (an agreement's text names each term's owner; a note may name anyone),
 * whole words only and whatever their case. Digests of such text are dropped. Everything else —
 * kinds, statuses, dates, ids of records, party names — stays as it is.
 */
export const anonymise = <T>(value: T, people: Iterable<readonly [string, string]>): T => {
  const pseudonyms = new Map<string, string>()
  const pseudonymOf = (id: string) => {
    let pseudonym = pseudonyms.get(id)
    if (!pseudonym) {
      pseudonym = `Participant ${pseudonyms.size + 1}`
      pseudonyms.set(id, pseudonym)
    }
    return pseudonym
  }
  const byName = new Map<string, string>()
  for (const [id, name] of people) {
    const key = name.trim().toLowerCase()
    if (key && !byName.has(key)) byName.set(key, pseudonymOf(id))
  }
  // Longest first, so that "Ana Lima" is replaced whole before "Ana" is looked for.
  const names = [...byName.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp)
  const pattern =
    names.length > 0
      ? new RegExp(`(?<![\\p{L}\\p{N}])(${names.join('|')})(?![\\p{L}\\p{N}])`, 'giu')
      : undefined
  const walk = (item: unknown, field?: string): unknown => {
    if (typeof item === 'string') {
      if (field && nameDigestFields.has(field)) return ''
      if (!pattern || !field || !freeTextFields.has(field)) return item
      return item.replace(pattern, (name) => byName.get(name.toLowerCase()) ?? name)
    }
    if (Array.isArray(item)) return item.map((entry) => walk(entry, field))
    if (!item || typeof item !== 'object') return item
    const object = item as Record<string, unknown>
    const replaced: Record<string, unknown> = {}
    for (const [idField, nameField] of Object.entries(personFields)) {
      const id = object[idField]
      if (typeof id !== 'string') continue
      replaced[idField] = pseudonymOf(id)
      if (nameField && nameField in object) replaced[nameField] = pseudonymOf(id)
    }
    return Object.fromEntries(
      Object.entries(object).map(([key, entry]) => [
        key,
        key in replaced ? replaced[key] : walk(entry, key),
      ]),
    )
  }
  return walk(value) as T
}
