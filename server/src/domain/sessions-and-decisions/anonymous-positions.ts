import { createHmac, randomBytes } from 'node:crypto'
import {
  type AnonymousPosition,
  type AnonymousTally,
  type AnonymousView,
  PositionReceipt,
} from '../../../../shared/src/schema/anonymous-positions.js'
import { suggestOutcome } from '../../../../shared/src/schema/decision-rule.js'
import { isNeutral } from '../../../../shared/src/schema/neutral.js'
import type { Participant, StakeholderGroup } from '../../../../shared/src/schema/people.js'
import { defaultAnonymityThreshold } from '../../../../shared/src/schema/poll.js'
import {
  isDissent,
  type Position,
  presentNow,
  type SessionCommand,
  type SessionState,
} from '../../../../shared/src/schema/session.js'
import type { Repositories, Transaction } from '../ports.js'
import { hashToken } from '../secrets.js'
import { confirmed } from './consent.js'
import { commandRoles } from './session-machine.js'
import { refuseSession as refuse } from './session-rule.js'

type OpenProposal = NonNullable<SessionState['proposal']>
type TakePosition = Extract<SessionCommand, { type: 'position.take' }>

/** The one-per-person check: who responded, unreadable without the proposal's key. */
const voterOf = (key: Uint8Array, participantId: string): string =>
  createHmac('sha256', key).update(participantId).digest('hex')

/** Where a position is kept: a hash of its receipt bound to its giver's ballot (as for polls). */
const positionKey = (voter: string, receipt: string): string => hashToken(`${voter}:${receipt}`)

/** People present now who may take a position and count in tallies (not the neutral team). */
export const countedPresent = (state: SessionState): string[] =>
  state.attendance
    .filter(presentNow)
    .filter((person) => !person.role || commandRoles['position.take'].includes(person.role))
    .filter((person) => !isNeutral(state, person.participantId))
    .map((person) => person.participantId)

/** Starts the one-per-person check of a proposal opened anonymous, in the transaction opening it. */
export const startAnonymousProposal = async (
  tx: Transaction,
  proposalId: string,
  sessionId: string,
): Promise<void> => {
  await tx.anonymousPositions.insertProposal(proposalId, sessionId, randomBytes(32))
}

/**
 * Takes (or, with its receipt, changes) a position on the open anonymous proposal: stored under
 * the giver's group alone, with no event, so neither the session's history nor its state names
 * them. Answers the receipt.
 */
export const takeAnonymousPosition = async (
  tx: Transaction,
  actor: Participant,
  state: SessionState,
  proposal: OpenProposal,
  command: TakePosition,
): Promise<string> => {
  // The state machine's checks, as no event runs through it.
  if (state.status === 'ended') refuse('session_ended', 'the session has ended')
  if (command.proposalId !== undefined && command.proposalId !== proposal.id) {
    refuse('other_proposal', 'another proposal is open now')
  }
  if (command.versionId !== undefined && command.versionId !== (proposal.versionId ?? null)) {
    refuse('other_version', 'the open proposal is on another version of the plan')
  }
  if (command.onBehalf) {
    // Whoever records it would know, and the record would have to say who gave it.
    refuse('anonymous_proposal', 'on an anonymous proposal everyone takes their own position')
  }
  if (isNeutral(state, actor.id)) {
    refuse('anonymous_proposal', 'the neutral facilitation team takes no anonymous position')
  }
  const key = await tx.anonymousPositions.ballotKey(proposal.id)
  if (!key) return refuse('no_open_proposal', 'no proposal is open')
  const voter = voterOf(key, actor.id)
  const position: AnonymousPosition = {
    group: actor.group,
    value: command.value,
    ...(command.reason ? { reason: command.reason } : {}),
  }
  // A first position may bring a receipt its device made and kept before sending: sent again
  // after its answer was lost (a reload on a slow phone), it changes that position instead of
  // being refused as a second one.
  const receipt = command.receipt ?? PositionReceipt.parse(randomBytes(24).toString('base64url'))
  const stored = positionKey(voter, receipt)
  if (await tx.anonymousPositions.hasPosition(proposal.id, stored)) {
    await tx.anonymousPositions.savePosition(proposal.id, stored, position)
    return receipt
  }
  if (!(await tx.anonymousPositions.addBallot(proposal.id, voter))) {
    refuse(
      'already_responded',
      command.receipt === undefined
        ? 'you have responded: change it with the receipt of your position'
        : 'that receipt is not of your position on this proposal',
    )
  }
  await tx.anonymousPositions.savePosition(proposal.id, stored, position)
  await tx.anonymousPositions.mixRows(proposal.id)
  return receipt
}

const zero = (): Record<Position, number> => ({
  agree: 0,
  agree_with_concerns: 0,
  stand_aside: 0,
  object: 0,
  block: 0,
})

const countOf = (positions: readonly AnonymousPosition[]) => {
  const counts = zero()
  for (const { value } of positions) counts[value] += 1
  return counts
}

/**
 * Counts overall and by group; a group with fewer than the threshold responding shows none, and
 * neither does the next smallest while those withheld are fewer (as `tallyPoll`). Reasons are
 * sorted by text, so their order says nothing of when they came.
 */
export const tallyAnonymous = (
  positions: readonly AnonymousPosition[],
  threshold = defaultAnonymityThreshold,
): AnonymousTally => {
  const byGroup = new Map<StakeholderGroup, AnonymousPosition[]>()
  for (const position of positions) {
    byGroup.set(position.group, [...(byGroup.get(position.group) ?? []), position])
  }
  let groups = [...byGroup.entries()]
    .map(([group, taken]) => ({ group, people: taken.length, counts: countOf(taken) }))
    .sort((a, b) => a.people - b.people || a.group.localeCompare(b.group))
  let withheld = 0
  for (const smallest of [...groups]) {
    if (smallest.people >= threshold && (withheld === 0 || withheld >= threshold)) break
    withheld += smallest.people
    groups = groups.slice(1)
  }
  return {
    totals: countOf(positions),
    byGroup: groups.sort((a, b) => a.group.localeCompare(b.group)),
    withheld,
    reasons: positions
      .flatMap(({ value, reason }) => (isDissent(value) && reason ? [{ value, reason }] : []))
      .sort((a, b) => a.value.localeCompare(b.value) || a.reason.localeCompare(b.reason)),
  }
}

/** What readers get of the open anonymous proposal: how many responded, and counts once shown. */
export const anonymousView = async (
  repository: Repositories['anonymousPositions'],
  state: SessionState,
): Promise<AnonymousView | undefined> => {
  const proposal = state.proposal
  if (!proposal?.anonymous) return undefined
  const positions = await repository.positions(proposal.id)
  const key = await repository.ballotKey(proposal.id)
  const ballots = new Set(await repository.ballots(proposal.id))
  const respondedPresent = key
    ? countedPresent(state).filter((id) => ballots.has(voterOf(key, id))).length
    : 0
  return {
    respondedPresent,
    responded: positions.length,
    tally: proposal.hidden ? null : tallyAnonymous(positions),
  }
}

/** The state with what readers get of its anonymous proposal (nothing changes otherwise). */
export const withAnonymousView = async (
  repository: Repositories['anonymousPositions'],
  state: SessionState,
): Promise<SessionState> => {
  const view = await anonymousView(repository, state)
  if (!state.proposal || !view) return state
  return { ...state, proposal: { ...state.proposal, anonymousView: view } }
}

/**
 * The blocks and objections among anonymous positions, which an adoption must confirm. While the
 * results are hidden it is refused whatever they are: a refusal that named (or depended on) the
 * counts, tried after each response, would tell whoever tries what that person chose.
 */
export const checkAnonymousConsent = (
  positions: readonly AnonymousPosition[],
  proposal: OpenProposal,
  command: Extract<SessionCommand, { type: 'proposal.close' }>,
): void => {
  if (command.outcome !== 'adopted') return
  if (proposal.hidden) refuse('reveal_first', 'reveal the results before adopting the proposal')
  const { block: blocks, object: objections } = countOf(positions)
  // The counts are what the facilitator confirms, as for hidden results: never who.
  confirmed('block', command.overBlocks, { blocks, objections })
  confirmed('object', command.overObjections, { blocks, objections })
}

/**
 * What the decision record keeps of an anonymous proposal: counts by group (only groups shown),
 * what it adopted over, the rule's suggestion; never who, so no dissent by person.
 */
export const anonymousRecord = async (
  tx: Transaction,
  state: SessionState,
  proposal: OpenProposal,
  outcome: string,
) => {
  const positions = await tx.anonymousPositions.positions(proposal.id)
  const view = await anonymousView(tx.anonymousPositions, state)
  const tally = tallyAnonymous(positions)
  const { block: blocks, object: objections } = tally.totals
  return {
    positionsByGroup: Object.fromEntries(tally.byGroup.map(({ group, counts }) => [group, counts])),
    ...(outcome === 'adopted' && blocks + objections > 0
      ? { adoptedOver: { blocks, objections } }
      : {}),
    suggestion: suggestOutcome(
      proposal.rule,
      proposal.quorum,
      positions.map(({ value }) => ({ participantId: '', value })),
      countedPresent(state),
      view?.respondedPresent ?? 0,
    ),
  }
}

/** As the proposal closes or is withdrawn: the one-per-person check and its key go. */
export const endAnonymousProposal = async (tx: Transaction, proposalId: string): Promise<void> => {
  await tx.anonymousPositions.forgetBallots(proposalId)
}
