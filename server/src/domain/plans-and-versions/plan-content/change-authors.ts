import * as Y from 'yjs'
import type {
  BlockChange,
  ChangeAuthor,
  WordChange,
} from '../../../../../shared/src/schema/version.js'
import { nodeText, type ProseMirrorNode } from '../../../../../shared/src/ydoc/prosemirror-json.js'

/** Characters of the text that one Yjs item holds: where they start in the text, and their id. */
export interface TextRun {
  start: number
  length: number
  client: number
  clock: number
}

/** A state of the plan: its blocks, and the document they were read from. */
export interface PlanState {
  content: ProseMirrorNode
  doc: Y.Doc
}

/** What the server knows of who wrote and who deleted; null is someone whose record was erased. */
export interface AuthorshipFacts {
  writerOf(client: number): string | null | undefined
  deletersOf(client: number, clock: number, length: number): (string | null)[]
}

/**
 * The plan's text as runs of items, in the order `nodeText` reads the blocks (depth first, text
 * only), so that an offset into the blocks' texts laid end to end finds the item that holds it.
 */
export const textRuns = (parent: Y.XmlFragment | Y.XmlElement, runs: TextRun[] = []): TextRun[] => {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlElement) textRuns(child, runs)
    if (!(child instanceof Y.XmlText)) continue
    for (let item = child._start; item; item = item.right) {
      if (item.deleted || !(item.content instanceof Y.ContentString)) continue
      const last = runs.at(-1)
      const start = last ? last.start + last.length : 0
      runs.push({ start, length: item.length, client: item.id.client, clock: item.id.clock })
    }
  }
  return runs
}

/** In a list of ranges sorted and apart, the index of the first that ends after `position`. */
const firstEndingAfter = <T>(
  list: readonly T[],
  end: (item: T) => number,
  position: number,
): number => {
  let low = 0
  let high = list.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (end(list[middle] as T) <= position) low = middle + 1
    else high = middle
  }
  return low
}

/** The runs that hold characters `from` to `to` of the text, cut to that stretch. */
const runsBetween = (runs: readonly TextRun[], from: number, to: number): TextRun[] => {
  const found: TextRun[] = []
  const first = firstEndingAfter(runs, (run) => run.start + run.length, from)
  for (let index = first; index < runs.length; index++) {
    const run = runs[index] as TextRun
    if (run.start >= to) break
    const start = Math.max(run.start, from)
    const end = Math.min(run.start + run.length, to)
    found.push({
      start,
      length: end - start,
      client: run.client,
      clock: run.clock + start - run.start,
    })
  }
  return found
}

/** One side of a comparison: its blocks' texts laid end to end, and the items holding them. */
class Side {
  readonly #runs: TextRun[]
  readonly #blockStarts: number[] = []
  /** The runs by client, in clock order; made when first asked. */
  #byClient: Map<number, TextRun[]> | undefined
  /** False when the document does not read as the blocks do: then nobody is named. */
  readonly matches: boolean

  constructor(state: PlanState, fragment: string) {
    this.#runs = textRuns(state.doc.getXmlFragment(fragment))
    let offset = 0
    for (const block of state.content.content ?? []) {
      this.#blockStarts.push(offset)
      offset += nodeText(block).length
    }
    const last = this.#runs.at(-1)
    this.matches = (last ? last.start + last.length : 0) === offset
  }

  blockStart(index: number): number {
    return this.#blockStarts[index] ?? 0
  }

  runs(from: number, length: number): TextRun[] {
    return runsBetween(this.#runs, from, from + length)
  }

  /**
   * The parts of these items that are not in this side's text. Words diff with the space after
   * them, so an added "five " may hold a space that was there all along (not an insertion), and
   * a removed "ten " a space that is still there (deleted, if ever, by someone later).
   */
  lacks({ client, clock, length }: TextRun): { clock: number; length: number }[] {
    if (!this.#byClient) {
      this.#byClient = new Map()
      for (const run of this.#runs) {
        const list = this.#byClient.get(run.client)
        if (list) list.push(run)
        else this.#byClient.set(run.client, [run])
      }
      for (const list of this.#byClient.values()) list.sort((a, b) => a.clock - b.clock)
    }
    const list = this.#byClient.get(client) ?? []
    const end = clock + length
    const gaps: { clock: number; length: number }[] = []
    let at = clock
    for (let index = firstEndingAfter(list, (run) => run.clock + run.length, clock); ; index++) {
      const run = list[index]
      if (!run || run.clock >= end) break
      if (run.clock > at) gaps.push({ clock: at, length: run.clock - at })
      at = Math.max(at, run.clock + run.length)
    }
    if (at < end) gaps.push({ clock: at, length: end - at })
    return gaps
  }
}

/** People by id, in the order first met; those no longer in the workspace named by no one. */
const authorsOf = (
  ids: ReadonlySet<string | null>,
  people: ReadonlyMap<string, string>,
): ChangeAuthor[] | undefined => {
  const authors: ChangeAuthor[] = []
  let former = false
  for (const id of ids) {
    const displayName = id === null ? undefined : people.get(id)
    if (id !== null && displayName !== undefined)
      authors.push({ kind: 'participant', participantId: id, displayName })
    else former = true
  }
  if (former) authors.push({ kind: 'former' })
  return authors.length > 0 ? authors : undefined
}

/**
 * Names who made each change of a comparison: for added text, whoever wrote the items that hold
 * it (by their client id); for removed text, whoever's update deleted those items. `people` are
 * the workspace's participants now (id → display name). Each changed block gets everyone who
 * inserted into it and removed from it; each changed run of words gets its own.
 */
export const nameAuthors = (
  changes: readonly BlockChange[],
  states: { before: PlanState; after: PlanState; fragment: string },
  facts: AuthorshipFacts,
  people: ReadonlyMap<string, string>,
): BlockChange[] => {
  const before = new Side(states.before, states.fragment)
  const after = new Side(states.after, states.fragment)
  if (!before.matches || !after.matches) return [...changes]
  const inserters = (from: number, length: number) => {
    const ids = new Set<string | null>()
    for (const run of after.runs(from, length)) {
      if (before.lacks(run).length === 0) continue
      const writer = facts.writerOf(run.client)
      if (writer !== undefined) ids.add(writer)
    }
    return ids
  }
  const deleters = (from: number, length: number) => {
    const ids = new Set<string | null>()
    for (const run of before.runs(from, length)) {
      for (const gone of after.lacks(run)) {
        for (const id of facts.deletersOf(run.client, gone.clock, gone.length)) ids.add(id)
      }
    }
    return ids
  }
  const named = (by: ReadonlySet<string | null>) => {
    const authors = authorsOf(by, people)
    return authors ? { by: authors } : {}
  }
  let i = 0
  let j = 0
  return changes.map((change) => {
    const from = before.blockStart(i)
    const to = after.blockStart(j)
    switch (change.op) {
      case 'same':
        i++
        j++
        return change
      case 'added': {
        j++
        const authors = authorsOf(inserters(to, change.after?.length ?? 0), people)
        return authors ? { ...change, insertedBy: authors } : change
      }
      case 'removed': {
        i++
        const authors = authorsOf(deleters(from, change.before?.length ?? 0), people)
        return authors ? { ...change, removedBy: authors } : change
      }
      case 'changed': {
        i++
        j++
        const inserted = new Set<string | null>()
        const removed = new Set<string | null>()
        let inBefore = from
        let inAfter = to
        const words = (change.words ?? []).map((word): WordChange => {
          const length = word.text.length
          if (word.op === 'same') {
            inBefore += length
            inAfter += length
            return word
          }
          const by = word.op === 'added' ? inserters(inAfter, length) : deleters(inBefore, length)
          if (word.op === 'added') inAfter += length
          else inBefore += length
          for (const id of by) (word.op === 'added' ? inserted : removed).add(id)
          return { ...word, ...named(by) }
        })
        const insertedBy = authorsOf(inserted, people)
        const removedBy = authorsOf(removed, people)
        return {
          ...change,
          words,
          ...(insertedBy ? { insertedBy } : {}),
          ...(removedBy ? { removedBy } : {}),
        }
      }
      default: {
        const unknown: never = change.op
        throw new Error(`unknown change ${unknown}`)
      }
    }
  })
}

/** A stored deletion: a range of one client's clocks, and whose update deleted it. */
interface Deletion {
  client: number
  clock: number
  length: number
  participantId: string | null
}

/** The facts from the stored rows: deletions looked up by client, then by clock. */
export const authorshipFacts = (
  writers: ReadonlyMap<number, string | null>,
  deletions: readonly Deletion[],
): AuthorshipFacts => {
  const byClient = new Map<number, Deletion[]>()
  for (const deletion of deletions) {
    const list = byClient.get(deletion.client)
    if (list) list.push(deletion)
    else byClient.set(deletion.client, [deletion])
  }
  for (const list of byClient.values()) list.sort((a, b) => a.clock - b.clock)
  return {
    writerOf: (client) => writers.get(client),
    deletersOf: (client, clock, length) => {
      const list = byClient.get(client) ?? []
      const ids: (string | null)[] = []
      const first = firstEndingAfter(list, (deletion) => deletion.clock + deletion.length, clock)
      for (let index = first; index < list.length; index++) {
        const deletion = list[index] as Deletion
        if (deletion.clock >= clock + length) break
        ids.push(deletion.participantId)
      }
      return ids
    },
  }
}
