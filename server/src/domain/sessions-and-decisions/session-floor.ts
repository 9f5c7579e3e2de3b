import { isNeutral } from '../../../../shared/src/schema/neutral.js'
import {
  presentNow,
  type SessionEvent,
  type SessionState,
} from '../../../../shared/src/schema/session.js'
import { refuseSession as refuse } from './session-rule.js'

/*
 * Who is here, who has the floor, and whose voice a command is: the parts of the session's state
 * machine that the balance of voice counts on. Pure, like the machine.
 */

export const add = (counts: Record<string, number> | undefined, key: string, amount: number) => ({
  ...counts,
  [key]: (counts?.[key] ?? 0) + amount,
})

/**
 * Who a command speaks for: the person it was recorded on behalf of (`subject`), who must not be
 * in the session now — someone present online speaks for themselves — or else its sender.
 */
export const speakerOf = (state: SessionState, event: SessionEvent) => {
  const { subject } = event
  if (!subject) return { person: event.actor, channel: undefined, recordedBy: undefined }
  if (state.attendance.some((p) => p.participantId === subject.participantId && presentNow(p))) {
    return refuse('speaks_for_themselves', 'they are in the session: they speak for themselves')
  }
  const onBehalf = 'onBehalf' in event.command ? event.command.onBehalf : undefined
  return {
    person: subject,
    channel: onBehalf?.channel,
    recordedBy: { participantId: event.actor.participantId, name: event.actor.name },
  }
}

/** Someone leaves: out of the queue and off the floor; still in the attendance, marked gone. */
export const leave = (state: SessionState, participantId: string, at: string): SessionState => {
  const attendee = state.attendance.find((person) => person.participantId === participantId)
  if (!attendee || !presentNow(attendee)) return state
  const ended = state.speaker?.participantId === participantId ? endSpeaker(state, at) : state
  return {
    ...ended,
    queue: ended.queue.filter((hand) => hand.participantId !== participantId),
    attendance: ended.attendance.map((person) =>
      person === attendee ? { ...person, leftAt: at } : person,
    ),
  }
}

/** The floor is taken from whoever holds it, crediting their group with the time spoken. */
export const endSpeaker = (state: SessionState, at: string): SessionState => {
  const speaker = state.speaker
  if (!speaker) return state
  const spoken = Math.max(0, Date.parse(at) - Date.parse(speaker.since))
  // The neutral facilitation team's voice is no group's.
  if (isNeutral(state, speaker.participantId)) return { ...state, speaker: null }
  return {
    ...state,
    speaker: null,
    balance: { ...state.balance, speakingMs: add(state.balance.speakingMs, speaker.group, spoken) },
  }
}

export const giveFloor = (state: SessionState, participantId: string, at: string): SessionState => {
  const attendee = state.attendance.find((person) => person.participantId === participantId)
  if (!attendee || !presentNow(attendee)) {
    return refuse('not_attending', 'the floor can go only to someone attending')
  }
  const ended = endSpeaker(state, at)
  return {
    ...ended,
    queue: ended.queue.filter((hand) => hand.participantId !== participantId),
    speaker: { participantId, name: attendee.name, group: attendee.group, since: at },
    balance: isNeutral(state, participantId)
      ? ended.balance
      : { ...ended.balance, turns: add(ended.balance.turns, attendee.group, 1) },
  }
}
