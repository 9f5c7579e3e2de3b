import type { Awareness } from 'y-protocols/awareness'

/**
 * Keeps an unchanged field of this person's awareness state from going out again.
 * y-prosemirror republishes the caret after every remote edit whether it moved or not, so in
 * a plan N people have open one keystroke made every other page send its caret, which the
 * server relayed to every page: N² messages a key, each decoded and handled by every page
 * (a 30-person workshop spent more on that than on the edit itself). A field equal to what
 * peers already have (as JSON, the way awareness encodes it) tells them nothing. The state's
 * periodic renewal goes through `setLocalState`, untouched, so it still keeps people present.
 */
export const skipUnchangedFields = (awareness: Awareness): void => {
  const setField = awareness.setLocalStateField.bind(awareness)
  awareness.setLocalStateField = (field: string, value: unknown) => {
    const current = awareness.getLocalState()
    if (current !== null && field in current && same(current[field], value)) return
    setField(field, value)
  }
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)
