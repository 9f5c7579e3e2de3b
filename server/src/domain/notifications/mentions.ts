/** A character that continues a name or a word: `@Ayu` ends before a space, not before `b`. */
const wordCharacter = /[\p{L}\p{N}_]/u

export interface Mentionable {
  id: string
  displayName: string
}

/**
 * Who `text` mentions: at each `@` that starts a word (so not an e-mail address), the longest
 * display name that follows it, ignoring case, and ends where a word ends. Names may hold
 * spaces ("@Siti Rahma"), which is why the text is matched against the names, not split.
 */
export const mentionedIn = (text: string, people: readonly Mentionable[]): string[] => {
  const found = new Set<string>()
  const names = people
    .map((person) => ({ id: person.id, name: person.displayName.toLocaleLowerCase() }))
    .filter((person) => person.name.length > 0)
    .sort((a, b) => b.name.length - a.name.length)
  const lower = text.toLocaleLowerCase()
  for (let at = lower.indexOf('@'); at >= 0; at = lower.indexOf('@', at + 1)) {
    if (at > 0 && wordCharacter.test(lower[at - 1] ?? '')) continue
    const rest = lower.slice(at + 1)
    const person = names.find(
      ({ name }) => rest.startsWith(name) && !wordCharacter.test(rest[name.length] ?? ''),
    )
    if (person) found.add(person.id)
  }
  return [...found]
}
