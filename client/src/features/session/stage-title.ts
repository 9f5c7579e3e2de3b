import { stageKeys } from '../../../../shared/src/schema/session.js'
import { isMessageKey, type Translate } from '../../app/i18n/i18n.js'

/**
 * A stage's title in the reader's language when it is one of the default agendas' (stored in
 * English), and a facilitator's own title as written.
 */
export const stageTitle = (t: Translate, title: string): string => {
  const key = `session.stage.${title.toLowerCase().replaceAll(' ', '_')}`
  return isMessageKey(key) ? t(key) : title
}

/** The standard stages, as the reader's language names them. */
export const standardStageTitles = (t: Translate): string[] =>
  stageKeys.map((key) => stageTitle(t, key))

/**
 * What to store for a title the facilitator typed: a standard stage's key when the text is its
 * name in the reader's language (so every reader sees it in theirs), else the text as written.
 */
export const storedStageTitle = (t: Translate, text: string): string => {
  const typed = text.trim()
  return stageKeys.find((key) => stageTitle(t, key) === typed) ?? typed
}
