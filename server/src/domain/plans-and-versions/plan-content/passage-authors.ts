import type {
  AuthoredRun,
  CharactersByGroup,
  ClauseAuthorship,
  PassageAuthor,
  PlanAuthorship,
} from '../../../../../shared/src/schema/authorship.js'
import type { StakeholderGroup } from '../../../../../shared/src/schema/people.js'
import type { StoredWriter } from '../../../../../shared/src/schema/stored.js'
import { nodeText } from '../../../../../shared/src/ydoc/prosemirror-json.js'
import { type PlanState, textRuns } from './change-authors.js'

/** A participant as of now. */
export interface PersonNow {
  displayName: string
  group: StakeholderGroup
}

/** Authors in the order first met, one entry per participant and group they wrote as. */
class AuthorList {
  readonly list: PassageAuthor[] = []
  readonly #byKey = new Map<string, number>()

  indexOf(writer: StoredWriter | undefined, people: ReadonlyMap<string, PersonNow>): number {
    if (!writer) return -1
    const person = writer.participantId === null ? undefined : people.get(writer.participantId)
    const group = (writer.group as StakeholderGroup | null) ?? person?.group ?? 'unknown'
    const groupNow = writer.group === null && person !== undefined
    const key = `${writer.participantId}\u0000${group}\u0000${groupNow}`
    const known = this.#byKey.get(key)
    if (known !== undefined) return known
    this.list.push({
      participantId: person ? writer.participantId : null,
      ...(person ? { displayName: person.displayName } : {}),
      group,
      ...(groupNow ? { groupNow } : {}),
    })
    this.#byKey.set(key, this.list.length - 1)
    return this.list.length - 1
  }
}

const addTo = (sums: CharactersByGroup, group: string, characters: number) => {
  sums[group] = (sums[group] ?? 0) + characters
}

/**
 * Who wrote each passage of a plan, from the document's own history: each character's Yjs item
 * names the client id it was written with, the server knows who wrote with that id and the group
 * they had then. Runs are given clause by clause (top-level blocks), in the order of their text.
 * If the document does not read as the blocks do, nobody is named.
 */
export const passageAuthors = (
  version: string,
  state: PlanState,
  fragment: string,
  writers: ReadonlyMap<number, StoredWriter>,
  people: ReadonlyMap<string, PersonNow>,
): PlanAuthorship => {
  const runs = textRuns(state.doc.getXmlFragment(fragment))
  const blocks = state.content.content ?? []
  const texts = blocks.map(nodeText)
  const total = texts.reduce((sum, text) => sum + text.length, 0)
  const last = runs.at(-1)
  const known = (last ? last.start + last.length : 0) === total
  const authors = new AuthorList()
  const byGroup: CharactersByGroup = {}
  let at = 0
  let runIndex = 0
  const clauses = blocks.map((block, index): ClauseAuthorship => {
    const text = texts[index] ?? ''
    const start = at
    const end = start + text.length
    at = end
    const clauseRuns: AuthoredRun[] = []
    const sums: CharactersByGroup = {}
    const push = (length: number, author: number) => {
      if (length <= 0) return
      const previous = clauseRuns.at(-1)
      if (previous && previous.author === author) previous.length += length
      else clauseRuns.push({ length, author })
      const group = authors.list[author]?.group ?? 'unknown'
      addTo(sums, group, length)
      addTo(byGroup, group, length)
    }
    if (!known) push(text.length, -1)
    else {
      while (runIndex < runs.length) {
        const run = runs[runIndex]
        if (!run || run.start >= end) break
        const from = Math.max(run.start, start)
        const to = Math.min(run.start + run.length, end)
        push(to - from, authors.indexOf(writers.get(run.client), people))
        if (run.start + run.length > end) break
        runIndex++
      }
    }
    return { type: block.type, text, runs: clauseRuns, byGroup: sums }
  })
  return { version, authors: authors.list, clauses, byGroup }
}
