import type { DecorationAttrs } from '@tiptap/pm/view'
import { PresenceUser } from '../../../shared/src/schema/people.js'

/**
 * Carets and selections of the others, coloured by stakeholder group with CSS classes: the
 * server's CSP allows no inline style attributes, and the group (stamped by the server into the
 * awareness `user` field) is what the colour means anyway.
 */
const userOf = (value: Record<string, unknown>) => {
  const parsed = PresenceUser.safeParse(value)
  return parsed.success ? parsed.data : undefined
}

export const renderCaret = (value: Record<string, unknown>): HTMLElement => {
  const user = userOf(value)
  const caret = document.createElement('span')
  caret.className = `collab-caret group-${user?.group ?? 'unknown'}`
  const label = document.createElement('span')
  label.className = 'collab-caret__label'
  // Text, never HTML: names are typed by people.
  label.textContent = user?.name ?? '?'
  caret.append(label)
  return caret
}

export const renderSelection = (value: Record<string, unknown>): DecorationAttrs => ({
  nodeName: 'span',
  class: `collab-selection group-${userOf(value)?.group ?? 'unknown'}`,
})
