import { z } from 'zod'
import { type PollCommand, PollView } from '../../../shared/src/schema/poll.js'
import type { ProseMirrorNode } from '../../../shared/src/ydoc/prosemirror-json.js'
import { request } from './http.js'

const PollAnswered = z.object({ poll: PollView, receipt: z.string().optional() })

/** Opens, answers, adds an idea to, reveals or closes a poll; a refusal is an ApiError. */
export const sendPollCommand = (sessionId: string, command: PollCommand) =>
  request(
    'POST',
    `/api/sessions/${encodeURIComponent(sessionId)}/polls/commands`,
    PollAnswered,
    command,
  )

// Per person too: on a device two people share, the second must neither be told they answered
// nor send the first one's receipt (which the server refuses as not theirs).
const receiptKey = (participantId: string, pollId: string) =>
  `mufakat.pollReceipt.${participantId}.${pollId}`

/**
 * The receipt of this person's anonymous answer on this device: the only way to change it, and
 * something the server never keeps, so it stays on the device that answered.
 */
export const pollReceipt = {
  read: (participantId: string, pollId: string): string | undefined =>
    window.localStorage.getItem(receiptKey(participantId, pollId)) ?? undefined,
  save: (participantId: string, pollId: string, receipt: string): void =>
    window.localStorage.setItem(receiptKey(participantId, pollId), receipt),
}

/** A plan's current content, to take a dot-vote's options from its passages. */
export const fetchPlanContent = async (documentId: string) =>
  (
    await request(
      'GET',
      `/api/documents/${encodeURIComponent(documentId)}/export?format=json`,
      z.object({
        content: z.custom<ProseMirrorNode>((value) => typeof value === 'object' && value !== null),
      }),
    )
  ).content
