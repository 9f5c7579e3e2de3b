import { isMessageKey, type Translate } from '../../app/i18n/i18n.js'

/**
 * A stage's title in the reader's language when it is one of the default agendas' (stored in
 * English), and a facilitator's own title as written.
 */
export const stageTitle = (t: Translate, title: string): string => {
  const key = `session.stage.${title.toLowerCase().replaceAll(' ', '_')}`
  return isMessageKey(key) ? t(key) : title
}
