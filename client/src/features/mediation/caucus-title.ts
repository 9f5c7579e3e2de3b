import type { Caucus } from '../../../../shared/src/schema/mediation.js'
import type { Translate } from '../../app/i18n/i18n.js'

/**
 * The name a caucus is shown under: the mediator's title, or (none given) "Caucus with
 * <party>" in the reader's language. Every place that names a caucus goes through here.
 */
export const caucusTitle = (t: Translate, caucus: Pick<Caucus, 'title' | 'partyName'>): string =>
  caucus.title?.trim() || t('caucus.untitled', { party: caucus.partyName })
