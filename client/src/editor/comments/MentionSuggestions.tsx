import { type ChangeEvent, type RefObject, type SyntheticEvent, useState } from 'react'
import { useT } from '../../app/i18n/i18n.js'
import {
  completeMention,
  type Mentionable,
  mentionQueryAt,
  namesStartingWith,
} from './mention-query.js'

type Field = HTMLInputElement | HTMLTextAreaElement

/**
 * `@name` completion for a comment field: while an `@…` is typed, the members whose names
 * start with it are offered as buttons below the field; choosing one writes `@Name ` in place
 * and puts the caret after it. Returns the field's handlers and the list to render.
 */
export const useMentionSuggestions = (
  people: readonly Mentionable[],
  value: string,
  setValue: (text: string) => void,
  field: RefObject<Field | null>,
) => {
  const t = useT()
  const [caret, setCaret] = useState(0)
  const trackCaret = (event: SyntheticEvent<Field>) =>
    setCaret(event.currentTarget.selectionStart ?? event.currentTarget.value.length)
  const at = mentionQueryAt(value, caret)
  const offered = at ? namesStartingWith(people, at.query) : []
  const choose = (person: Mentionable) => {
    if (!at) return
    const done = completeMention(value, at, caret, person.displayName)
    setValue(done.text)
    setCaret(done.caret)
    const element = field.current
    if (!element) return
    element.focus()
    // After React has written the new value.
    requestAnimationFrame(() => element.setSelectionRange(done.caret, done.caret))
  }
  const list =
    offered.length > 0 ? (
      <ul className="mention-suggestions" aria-label={t('comments.mentionSuggestions')}>
        {offered.map((person) => (
          <li key={person.id}>
            <button type="button" className="button button--small" onClick={() => choose(person)}>
              {t('comments.mention', { name: person.displayName })}
            </button>
          </li>
        ))}
      </ul>
    ) : null
  return {
    onChange: (event: ChangeEvent<Field>) => {
      setValue(event.target.value)
      trackCaret(event)
    },
    onSelect: trackCaret,
    list,
  }
}
