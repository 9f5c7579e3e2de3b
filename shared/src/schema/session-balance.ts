import { z } from 'zod'
import { BalanceInput, EditCounts } from './balance.js'
import { isNeutral } from './neutral.js'
import { presentNow, type SessionState } from './session.js'

/** Plan edits during a session, which the session's state does not hold: the server counts them. */
export const SessionEdits = z.object({
  edits: EditCounts,
  /** The span they were counted over: from the session's start to its end, or to now. */
  from: z.string(),
  to: z.string(),
})
export type SessionEdits = z.infer<typeof SessionEdits>

/** A session's balance of voice as the workspace view lists it. */
export const SessionBalanceSummary = z.object({
  sessionId: z.string(),
  title: z.string(),
  createdAt: z.string(),
  status: z.enum(['running', 'ended']),
  input: BalanceInput,
})
export type SessionBalanceSummary = z.infer<typeof SessionBalanceSummary>

/** When the session ended (its last stage closed), or null while it runs. */
export const sessionEndedAt = (state: SessionState): string | null =>
  state.status === 'ended' ? (state.stageLog.at(-1)?.to ?? null) : null

/**
 * What a session's balance is computed from. `live`: against the people present now, with the
 * floor in progress counted as it goes (the session page); otherwise against everyone who
 * attended (the minutes, the workspace view).
 */
export const sessionBalanceInput = (
  state: SessionState,
  edits: EditCounts,
  options: { live: boolean; now?: number },
): BalanceInput => {
  const { balance, speaker } = state
  const speakingMs = { ...balance.speakingMs }
  // The neutral facilitation team is no group's voice, nor among the people it is set against.
  if (
    options.live &&
    speaker &&
    options.now !== undefined &&
    !isNeutral(state, speaker.participantId)
  ) {
    const ongoing = Math.max(0, options.now - Date.parse(speaker.since))
    speakingMs[speaker.group] = (speakingMs[speaker.group] ?? 0) + ongoing
  }
  const people = (options.live ? state.attendance.filter(presentNow) : state.attendance).filter(
    (person) => !isNeutral(state, person.participantId),
  )
  return {
    counts: {
      speakingMs,
      turns: balance.turns,
      positions: balance.positions,
      proposals: balance.proposals ?? {},
      comments: balance.comments ?? {},
      ideas: balance.ideas ?? {},
    },
    edits,
    present: people.map((person) => person.group),
  }
}
