/** A participant a comment may name with `@`. */
export interface Mentionable {
  id: string
  displayName: string
}

/** The `@…` being typed just before the caret: where its `@` is, and what follows it. */
export interface MentionQuery {
  start: number
  query: string
}

/**
 * The mention being typed at `caret`, if any: an `@` that starts a word (not an e-mail address),
 * then up to 40 characters without a line break or another `@`. Names hold spaces, so the query
 * may too; the server resolves the finished text against the members' names the same way.
 */
export const mentionQueryAt = (text: string, caret: number): MentionQuery | undefined => {
  const match = /(?:^|[^\p{L}\p{N}_])@([^@\n]{0,40})$/u.exec(text.slice(0, caret))
  if (!match) return undefined
  const query = match[1] ?? ''
  return { start: caret - query.length - 1, query }
}

/** Members whose name starts with what was typed, ignoring case; the first few. */
export const namesStartingWith = (
  people: readonly Mentionable[],
  query: string,
  limit = 5,
): Mentionable[] => {
  const typed = query.toLocaleLowerCase()
  return people
    .filter((person) => person.displayName.toLocaleLowerCase().startsWith(typed))
    .slice(0, limit)
}

/** The text with the mention being typed replaced by `@<name> `, and the caret after it. */
export const completeMention = (
  text: string,
  at: MentionQuery,
  caret: number,
  name: string,
): { text: string; caret: number } => ({
  text: `${text.slice(0, at.start)}@${name} ${text.slice(caret)}`,
  caret: at.start + name.length + 2,
})
