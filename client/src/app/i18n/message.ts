import type { Translate } from './i18n.js'

/**
 * A message kept to show later: how to word it, not the words. It is translated at render, so a
 * reader who switches language reads it in the new one (text saved at the time stays in the old).
 */
export type Message = (t: Translate) => string
