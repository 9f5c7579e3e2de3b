import type { ArtefactWords } from '../../../../shared/src/artefacts/words.js'
import type { SessionEvent, SessionState } from '../../../../shared/src/schema/session.js'
import { escapeMarkdown as escaped } from '../plans-and-versions/plan-content/markdown.js'

export interface AgendaChange {
  at: string
  change: 'added' | 'removed' | 'moved' | 'renamed' | 'timed'
  /** The stage's title before the change (for a rename, the old one). */
  title: string
  /** Where the stage stands after the change (1-based); none once removed. */
  position: number | null
  /** The new title of a renamed stage, the minutes of an added or timed one. */
  newTitle?: string
  minutes?: number
}

/** One agenda edit, told with the stage as it was before and where it stands after. */
export const agendaChange = (
  before: SessionState,
  event: SessionEvent,
): AgendaChange | undefined => {
  const { command, at } = event
  const titleAt = (index: number) => before.agenda[index]?.title ?? ''
  const inPlace = (index: number) => ({ at, title: titleAt(index), position: index + 1 })
  switch (command.type) {
    case 'agenda.stage.add': {
      const position = (command.index ?? before.agenda.length) + 1
      return { at, change: 'added', title: command.title, position, minutes: command.minutes }
    }
    case 'agenda.stage.remove':
      return { at, change: 'removed', title: titleAt(command.index), position: null }
    case 'agenda.stage.move':
      return { at, change: 'moved', title: titleAt(command.index), position: command.to + 1 }
    case 'agenda.stage.rename':
      return { ...inPlace(command.index), change: 'renamed', newTitle: command.title }
    case 'agenda.stage.time':
      return { ...inPlace(command.index), change: 'timed', minutes: command.minutes }
    default:
      return undefined
  }
}

/** One line of the minutes' agenda changes (after its time), in the minutes' words. */
export const agendaChangeLine = (
  change: AgendaChange,
  words: ArtefactWords['minutes']['change'],
): string => {
  const stage = escaped(change.title)
  const where = change.position === null ? '' : words.now(change.position)
  const minutes = change.minutes ?? 0
  const what: Record<AgendaChange['change'], string> = {
    added: `${words.added(stage, minutes)}${where}`,
    removed: words.removed(stage),
    moved: `${words.moved(stage)}${where}`,
    renamed: `${words.renamed(stage, escaped(change.newTitle ?? ''))}${where}`,
    timed: `${words.timed(stage, minutes)}${where}`,
  }
  return what[change.change]
}
