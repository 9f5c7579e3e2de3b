import {
  type Dissent,
  isDissent,
  type SessionCommand,
  type SessionRule,
  type SessionState,
  type TakenPosition,
} from '../../../../shared/src/schema/session.js'
import { DomainError } from '../domain-error.js'

const refuse = (rule: SessionRule, message: string, extra?: object): never => {
  throw new DomainError('conflict', message, { rule, ...extra })
}

/** The objections and blocks among the positions standing now, each with its reason. */
export const standingDissent = (positions: readonly TakenPosition[]): Dissent[] =>
  positions.flatMap(({ participantId, name, group, value, reason }) =>
    isDissent(value) ? [{ participantId, name, group, value, ...(reason ? { reason } : {}) }] : [],
  )

const count = (dissent: readonly Dissent[], value: Dissent['value']) =>
  dissent.filter((entry) => entry.value === value).length

/**
 * The facilitator confirms the very number of blocks (or objections) shown: one that came in
 * meanwhile is not adopted over unseen. A refusal names both counts, all a facilitator learns of
 * hidden or anonymous positions before the close.
 */
export const confirmed = (
  value: 'block' | 'object',
  confirmedCount: number | undefined,
  counts: { blocks: number; objections: number },
): void => {
  const standing = value === 'block' ? counts.blocks : counts.objections
  if (standing === 0 || confirmedCount === standing) return
  if (value === 'block') {
    refuse('unresolved_block', `adopting over ${standing} block(s) needs confirming`, counts)
  }
  refuse('unresolved_objection', `adopting over ${standing} objection(s) needs confirming`, counts)
}

/**
 * Consent that respects a block, for commands as they arrive. Kept out of the state machine on
 * purpose: sessions recorded before these rules replay unchanged (an old Block without a reason,
 * an old close over a block), while every new command must meet them.
 */
export const checkConsent = (state: SessionState, command: SessionCommand): void => {
  if (command.type === 'position.take') {
    if (isDissent(command.value) && !command.reason?.trim()) {
      refuse('reason_required', `a position of ${command.value} needs its reason`)
    }
    return
  }
  if (command.type !== 'proposal.close' || command.outcome !== 'adopted' || !state.proposal) return
  const dissent = standingDissent(state.proposal.positions)
  const blocks = count(dissent, 'block')
  const objections = count(dissent, 'object')
  confirmed('block', command.overBlocks, { blocks, objections })
  const seen = command.over && new Set(command.over)
  if (seen && dissent.some((entry) => !seen.has(entry.participantId))) {
    const rule = dissent.some((entry) => entry.value === 'block' && !seen.has(entry.participantId))
      ? 'unresolved_block'
      : 'unresolved_objection'
    refuse(rule, 'the blocks and objections standing now are not the ones confirmed', {
      blocks,
      objections,
    })
  }
  confirmed('object', command.overObjections, { blocks, objections })
}

/** What a decision record keeps of the dissent at its close. */
export const dissentRecord = (
  positions: readonly TakenPosition[],
  outcome: string,
): { dissent?: Dissent[]; adoptedOver?: { blocks: number; objections: number } } => {
  const dissent = standingDissent(positions)
  if (dissent.length === 0) return {}
  return {
    dissent,
    ...(outcome === 'adopted'
      ? { adoptedOver: { blocks: count(dissent, 'block'), objections: count(dissent, 'object') } }
      : {}),
  }
}
