import {
  type AgendaItem,
  agendaMaxStages,
  type SessionCommand,
  type SessionState,
} from '../../../../shared/src/schema/session.js'
import { refuseSession as refuse } from './session-rule.js'

/** The commands that shape the agenda of a running session. */
export type AgendaCommand = Extract<SessionCommand, { type: `agenda.stage.${string}` }>

/**
 * The last stage the session has run: the current one, or a later one it visited before going
 * back. Stages up to it never move, so the stage log's indexes keep naming the stages they ran.
 */
const lastRun = (state: SessionState): number =>
  Math.max(state.stage, ...state.stageLog.map((entry) => entry.index))

const existing = (agenda: readonly AgendaItem[], index: number, seen?: string): AgendaItem => {
  const item = agenda[index] ?? refuse('no_such_stage', 'the agenda has no such stage')
  if (seen !== undefined && item.title !== seen) {
    return refuse('stage_changed', 'another stage stands there now: the agenda changed')
  }
  return item
}

/** A stage not yet run, which can still be removed or moved. */
const notRun = (state: SessionState, index: number, seen?: string): AgendaItem => {
  const item = existing(state.agenda, index, seen)
  if (index <= lastRun(state)) {
    return refuse('past_stage', 'the current stage and stages already run stay on the agenda')
  }
  return item
}

const afterRun = (state: SessionState, to: number, length: number): number => {
  if (to > length) return refuse('no_such_stage', 'the agenda has no such place')
  if (to <= lastRun(state)) {
    return refuse('before_current_stage', 'a stage goes only after the current one')
  }
  return to
}

const replaced = (agenda: readonly AgendaItem[], index: number, item: AgendaItem) =>
  agenda.map((old, at) => (at === index ? item : old))

/**
 * The state after an agenda edit. Run stages stay where they are; a stage's minutes, changed
 * while it is current and its timer has not started, also set the time left.
 */
export const editAgenda = (state: SessionState, command: AgendaCommand): SessionState => {
  const { agenda } = state
  switch (command.type) {
    case 'agenda.stage.add': {
      if (agenda.length >= agendaMaxStages) {
        return refuse('agenda_full', `an agenda has at most ${agendaMaxStages} stages`)
      }
      const to = afterRun(state, command.index ?? agenda.length, agenda.length)
      const item = { title: command.title, minutes: command.minutes }
      return { ...state, agenda: [...agenda.slice(0, to), item, ...agenda.slice(to)] }
    }
    case 'agenda.stage.remove':
      notRun(state, command.index, command.seen)
      return { ...state, agenda: agenda.filter((_, at) => at !== command.index) }
    case 'agenda.stage.move': {
      const item = notRun(state, command.index, command.seen)
      const rest = agenda.filter((_, at) => at !== command.index)
      const to = afterRun(state, command.to, rest.length)
      return { ...state, agenda: [...rest.slice(0, to), item, ...rest.slice(to)] }
    }
    case 'agenda.stage.rename': {
      const item = existing(agenda, command.index, command.seen)
      return {
        ...state,
        agenda: replaced(agenda, command.index, { ...item, title: command.title }),
      }
    }
    case 'agenda.stage.time': {
      const item = existing(agenda, command.index, command.seen)
      const timed = {
        ...state,
        agenda: replaced(agenda, command.index, { ...item, minutes: command.minutes }),
      }
      const untouched =
        command.index === state.stage &&
        !state.timer.running &&
        state.timer.remainingMs === item.minutes * 60_000
      return untouched
        ? { ...timed, timer: { ...timed.timer, remainingMs: command.minutes * 60_000 } }
        : timed
    }
    default: {
      const unhandled: never = command
      throw new Error(`unhandled agenda command ${JSON.stringify(unhandled)}`)
    }
  }
}
