import { fromBase64, toBase64 } from 'lib0/buffer'
import type { ThreadDraft } from './use-comment-draft.js'

/**
 * A comment being written survives a reload of the tab (a phone that drops the page, a slip of
 * the finger): it is kept in this tab's sessionStorage until it is posted or cancelled. Only for
 * plan documents — a caucus keeps nothing in the browser.
 */
const prefix = 'mufakat.comment-draft.'

interface Stored {
  anchorStart: string
  anchorEnd: string
  quote: string
  text: string
}

const isStored = (value: unknown): value is Stored =>
  typeof value === 'object' &&
  value !== null &&
  ['anchorStart', 'anchorEnd', 'quote', 'text'].every(
    (field) => typeof (value as Record<string, unknown>)[field] === 'string',
  )

export const readKeptDraft = (room: string): ThreadDraft | undefined => {
  try {
    const parsed: unknown = JSON.parse(window.sessionStorage.getItem(prefix + room) ?? 'null')
    if (!isStored(parsed)) return undefined
    return {
      anchorStart: fromBase64(parsed.anchorStart),
      anchorEnd: fromBase64(parsed.anchorEnd),
      quote: parsed.quote,
      text: parsed.text,
    }
  } catch {
    return undefined
  }
}

export const keepDraft = (room: string, draft: ThreadDraft | undefined): void => {
  try {
    if (!draft) {
      window.sessionStorage.removeItem(prefix + room)
      return
    }
    const stored: Stored = {
      anchorStart: toBase64(draft.anchorStart),
      anchorEnd: toBase64(draft.anchorEnd),
      quote: draft.quote,
      text: draft.text ?? '',
    }
    window.sessionStorage.setItem(prefix + room, JSON.stringify(stored))
  } catch {
    // Storage refused (private mode, quota): the draft simply lives as long as the page.
  }
}

/** Forgets every kept draft of this tab: leaving a workspace leaves nothing of it behind. */
export const forgetKeptDrafts = (): void => {
  for (let index = window.sessionStorage.length - 1; index >= 0; index--) {
    const key = window.sessionStorage.key(index)
    if (key?.startsWith(prefix)) window.sessionStorage.removeItem(key)
  }
}
