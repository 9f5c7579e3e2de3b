import { z } from 'zod'
import { oneLine } from './text-line.js'

/* A session's agenda: its stages, and the commands that move through it and shape it. */

export const AgendaItem = z.strictObject({
  title: oneLine(120),
  minutes: z.number().int().min(1).max(600),
})
export type AgendaItem = z.infer<typeof AgendaItem>

/**
 * A stage's name as the facilitator edits it during a session: one line of 1–80 characters. A
 * name that is one of the default agendas' titles (`stageKeys`) is shown translated; any other
 * is the facilitator's own text, shown as written.
 */
export const StageTitle = oneLine(80)
/** A stage's planned minutes as the facilitator sets them: 1 to 240 (four hours). */
export const StageMinutes = z.number().int().min(1).max(240)
/** At most this many stages on an agenda, as at creation. */
export const agendaMaxStages = 30

const StageIndex = z.number().int().min(0).max(agendaMaxStages)
/**
 * The title of the stage at `index` as the sender saw it: edits go by index, so a retried
 * command or a second facilitator's edit after the agenda changed would hit another stage.
 */
const Seen = StageTitle.optional()

/** The commands that move the session through its agenda and shape it while it runs. */
export const agendaCommands = [
  z.strictObject({ type: z.literal('stage.advance'), startTimer: z.boolean().optional() }),
  z.strictObject({
    type: z.literal('stage.goto'),
    index: StageIndex,
    /** Start the stage's timer with its planned minutes as the stage begins. */
    startTimer: z.boolean().optional(),
  }),
  /** Adds a stage at `index` (default: at the end); only after the stages already run. */
  z.strictObject({
    type: z.literal('agenda.stage.add'),
    title: StageTitle,
    minutes: StageMinutes,
    index: StageIndex.optional(),
  }),
  z.strictObject({ type: z.literal('agenda.stage.remove'), index: StageIndex, seen: Seen }),
  /** Moves the stage at `index` so that it stands at `to`. */
  z.strictObject({
    type: z.literal('agenda.stage.move'),
    index: StageIndex,
    to: StageIndex,
    seen: Seen,
  }),
  z.strictObject({
    type: z.literal('agenda.stage.rename'),
    index: StageIndex,
    title: StageTitle,
    seen: Seen,
  }),
  z.strictObject({
    type: z.literal('agenda.stage.time'),
    index: StageIndex,
    minutes: StageMinutes,
    seen: Seen,
  }),
] as const
