import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { judgeSuggestions } from '../../server/src/domain/plans-and-versions/suggestion-authorship.js'
import { textFragmentName } from '../../shared/src/ydoc/rooms.js'

/**
 * The judge keeps a copy of the room in step with it, so that a commenter's keystroke on a long
 * plan costs one update, not a copy of the plan. The copy must never let the room's own state
 * and the judge's drift apart: an update refused, an update accepted but never applied, a
 * writer's change in between.
 */
const citra = { id: 'p-citra', displayName: 'Citra', group: 'citizen' as const }
const mark = (id: string) => ({
  suggestionInsert: { id, authorId: citra.id, authorName: citra.displayName, group: citra.group },
})

const planRoom = (paragraphs: number) => {
  const room = new Y.Doc()
  const nodes = Array.from({ length: paragraphs }, (_, index) => {
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText(`Paragraph ${index} of the river plan.`)])
    return paragraph
  })
  room.getXmlFragment(textFragmentName).insert(0, nodes)
  return room
}

/** A device holding the room, and what it sends after a change. */
const device = (room: Y.Doc) => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(room))
  const textAt = (index: number) =>
    (doc.getXmlFragment(textFragmentName).get(index) as Y.XmlElement).get(0) as Y.XmlText
  const change = (edit: () => void) => {
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(room, Y.encodeStateVector(doc)))
    const before = Y.encodeStateVector(doc)
    edit()
    return Y.encodeStateAsUpdate(doc, before)
  }
  return { doc, textAt, change }
}

describe('judging a commenter’s suggestions on a copy kept in step with the room', () => {
  it('judges each update against the room as it is, after refusals, unapplied updates and writers’ edits', () => {
    const room = planRoom(50)
    const phone = device(room)

    const first = phone.change(() => phone.textAt(3).insert(0, 'Green ', mark('s1')))
    expect(judgeSuggestions(first, room, citra)).toEqual({ allowed: true })
    Y.applyUpdate(room, first)

    // A plain edit is refused, and never applied: the next suggestion is judged without it.
    const other = device(room)
    const plain = other.change(() => other.textAt(4).insert(0, 'Plain '))
    expect(judgeSuggestions(plain, room, citra)).toMatchObject({ allowed: false })
    const second = phone.change(() => phone.textAt(4).insert(0, 'Shaded ', mark('s2')))
    expect(judgeSuggestions(second, room, citra)).toEqual({ allowed: true })

    // That one was accepted but the room never applied it (say, a size limit): a withdrawal of
    // it now would delete text the room does not hold, and a fresh suggestion still passes.
    const third = device(room)
    const fresh = third.change(() => third.textAt(5).insert(0, 'Quiet ', mark('s3')))
    expect(judgeSuggestions(fresh, room, citra)).toEqual({ allowed: true })
    Y.applyUpdate(room, fresh)
    // Another commenter suggests in paragraph 4, where the unapplied suggestion would sit.
    const dewi = { id: 'p-dewi', displayName: 'Dewi', group: 'community' as const }
    const hers = device(room)
    const beside = hers.change(() =>
      hers.textAt(4).insert(0, 'Cool ', {
        suggestionInsert: { id: 'd1', authorId: dewi.id, authorName: 'Dewi', group: dewi.group },
      }),
    )
    expect(judgeSuggestions(beside, room, dewi)).toEqual({ allowed: true })
    Y.applyUpdate(room, beside)

    // A writer deletes words in paragraph 6 meanwhile; the commenter's real deletion there is
    // still refused, and a suggested deletion of what is left is taken.
    const writer = device(room)
    Y.applyUpdate(
      room,
      writer.change(() => writer.textAt(6).delete(0, 10)),
    )
    const later = device(room)
    const deletion = later.change(() => later.textAt(6).delete(0, 3))
    expect(judgeSuggestions(deletion, room, citra)).toMatchObject({ allowed: false })
    const again = device(room)
    const marked = again.change(() =>
      again.textAt(6).format(0, 3, {
        suggestionDelete: { id: 's4', authorId: citra.id, authorName: 'Citra', group: 'citizen' },
      }),
    )
    expect(judgeSuggestions(marked, room, citra)).toEqual({ allowed: true })
  })

  it('changing the plan’s list of nodes, an update is judged on every paragraph it reaches into, however far', () => {
    const room = planRoom(5000)
    const fragment = (doc: Y.Doc) => doc.getXmlFragment(textFragmentName)
    // An empty text between two paragraphs changes the plan's list of nodes and says nothing.
    const besideAnEmptyText = (edit: (phone: ReturnType<typeof device>) => void) => {
      const phone = device(room)
      return phone.change(() => {
        fragment(phone.doc).insert(10, [new Y.XmlText()])
        edit(phone)
      })
    }
    const suggested = besideAnEmptyText((phone) =>
      phone.textAt(4000).insert(0, 'Wide ', mark('s5')),
    )
    expect(judgeSuggestions(suggested, room, citra)).toEqual({ allowed: true })
    Y.applyUpdate(room, suggested)
    const deleted = besideAnEmptyText((phone) => phone.textAt(4500).delete(0, 9))
    expect(judgeSuggestions(deleted, room, citra)).toMatchObject({ allowed: false })
    const plain = besideAnEmptyText((phone) => phone.textAt(4999).insert(0, 'Plain '))
    expect(judgeSuggestions(plain, room, citra)).toMatchObject({ allowed: false })
    expect(fragment(room).length).toBe(5001)
  })
})
