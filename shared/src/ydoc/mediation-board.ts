import { uuidv4 } from 'lib0/random'
import * as Y from 'yjs'

/**
 * The issues and options board of a mediation, a room every participant's client edits:
 * a list of issues, each with what each party needs (its interests) and candidate options.
 * Clients may write anything into a room, so reading is tolerant: malformed entries are skipped.
 */
export interface BoardOption {
  id: string
  text: string
  by: string
}
export interface BoardIssue {
  id: string
  title: string
  by: string
  /** Party id → that party's interests in this issue. */
  interests: Record<string, string>
  options: BoardOption[]
}

const issuesName = 'issues'
const issuesOf = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>(issuesName)
const text = (value: unknown): string => (typeof value === 'string' ? value : '')

export const readBoard = (doc: Y.Doc): BoardIssue[] =>
  issuesOf(doc)
    .toArray()
    .flatMap((issue) => {
      if (!(issue instanceof Y.Map)) return []
      const interests = issue.get('interests')
      const options = issue.get('options')
      return [
        {
          id: text(issue.get('id')),
          title: text(issue.get('title')),
          by: text(issue.get('by')),
          interests:
            interests instanceof Y.Map
              ? Object.fromEntries(
                  [...interests.entries()].map(([party, value]) => [party, text(value)]),
                )
              : {},
          options:
            options instanceof Y.Array
              ? options.toArray().flatMap((option) =>
                  option instanceof Y.Map
                    ? [
                        {
                          id: text(option.get('id')),
                          text: text(option.get('text')),
                          by: text(option.get('by')),
                        },
                      ]
                    : [],
                )
              : [],
        },
      ]
    })

const findIssue = (doc: Y.Doc, issueId: string): Y.Map<unknown> | undefined =>
  issuesOf(doc)
    .toArray()
    .find((issue) => issue instanceof Y.Map && issue.get('id') === issueId)

export const addIssue = (doc: Y.Doc, title: string, by: string): string => {
  const id = uuidv4()
  const issue = new Y.Map<unknown>()
  doc.transact(() => {
    issue.set('id', id)
    issue.set('title', title)
    issue.set('by', by)
    issue.set('interests', new Y.Map<string>())
    issue.set('options', new Y.Array<Y.Map<string>>())
    issuesOf(doc).push([issue])
  })
  return id
}

export const removeIssue = (doc: Y.Doc, issueId: string): void => {
  const index = issuesOf(doc)
    .toArray()
    .findIndex((issue) => issue instanceof Y.Map && issue.get('id') === issueId)
  if (index >= 0) issuesOf(doc).delete(index, 1)
}

export const setInterest = (doc: Y.Doc, issueId: string, partyId: string, value: string): void => {
  const interests = findIssue(doc, issueId)?.get('interests')
  if (interests instanceof Y.Map) interests.set(partyId, value)
}

export const addOption = (doc: Y.Doc, issueId: string, value: string, by: string): void => {
  const options = findIssue(doc, issueId)?.get('options')
  if (!(options instanceof Y.Array)) return
  const option = new Y.Map<string>()
  doc.transact(() => {
    option.set('id', uuidv4())
    option.set('text', value)
    option.set('by', by)
    options.push([option])
  })
}

export const removeOption = (doc: Y.Doc, issueId: string, optionId: string): void => {
  const options = findIssue(doc, issueId)?.get('options')
  if (!(options instanceof Y.Array)) return
  const index = options
    .toArray()
    .findIndex((option) => option instanceof Y.Map && option.get('id') === optionId)
  if (index >= 0) options.delete(index, 1)
}
