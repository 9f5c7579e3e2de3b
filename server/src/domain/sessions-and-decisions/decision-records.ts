import { suggestOutcome } from '../../../../shared/src/schema/decision-rule.js'
import { countedPositions } from '../../../../shared/src/schema/neutral.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import {
  type DecisionRecord,
  presentNow,
  type RecordDecisionBody,
  type Session,
  type SessionState,
} from '../../../../shared/src/schema/session.js'
import { recordAudit } from '../people-and-access/audit.js'
import type { LiveRooms, Stores, Transaction } from '../ports.js'
import type { RecordChain } from '../records-and-publication/record-chain.js'
import { newId } from '../secrets.js'
import { anonymousRecord, countedPresent } from './anonymous-positions.js'
import type { ApprovedTexts } from './approved-texts.js'
import { dissentRecord } from './consent.js'

const tally = (positions: readonly { group: string; value: string }[]) => {
  const byGroup: Record<string, Record<string, number>> = {}
  for (const { group, value } of positions) {
    const counts = byGroup[group] ?? {}
    counts[value] = (counts[value] ?? 0) + 1
    byGroup[group] = counts
  }
  return byGroup
}

/**
 * Decision records as sessions make them: a facilitator's, outside any proposal, and the one a
 * proposal's close appends to the workspace's chain, with the positions by group and who was
 * present.
 */
export class DecisionRecords {
  constructor(
    private readonly stores: Stores,
    private readonly live: LiveRooms,
    private readonly chain: RecordChain,
    private readonly approvedTexts: ApprovedTexts,
  ) {}

  /** A decision recorded directly by a facilitator, outside any proposal. */
  async record(actor: Participant, body: RecordDecisionBody): Promise<DecisionRecord> {
    // The version it binds is saved from committed text: commit what rooms hold first.
    if (body.documentId) await this.live.commitPending()
    return await this.stores.transaction(async (tx) => {
      const binding = await this.approvedTexts.bind(tx, actor, body.documentId, null, body.title)
      const record = await this.chain.appendDecision(tx, actor.workspaceId, {
        id: newId(),
        sessionId: null,
        title: body.title,
        text: body.text,
        outcome: body.outcome,
        positionsByGroup: {},
        present: [],
        documentId: body.documentId ?? null,
        ...binding,
        recordedBy: actor.id,
        recordedAt: new Date().toISOString(),
      })
      await this.#audit(tx, actor, record)
      return record
    })
  }

  async #audit(tx: Transaction, actor: Participant, record: DecisionRecord): Promise<void> {
    await recordAudit(tx, {
      workspaceId: actor.workspaceId,
      actorId: actor.id,
      action: 'decision.recorded',
      target: record.id,
      details: { title: record.title, outcome: record.outcome, sessionId: record.sessionId },
    })
  }

  async fromProposal(
    tx: Transaction,
    actor: Participant,
    session: Session,
    state: SessionState,
    decisionId: string,
    outcome: DecisionRecord['outcome'],
  ): Promise<void> {
    const proposal = state.proposal
    if (!proposal) return
    const binding = await this.approvedTexts.bind(
      tx,
      actor,
      proposal.documentId,
      proposal.versionId,
      proposal.title,
    )
    const record = await this.chain.appendDecision(tx, session.workspaceId, {
      id: decisionId,
      sessionId: session.id,
      title: proposal.title,
      text: proposal.text,
      outcome,
      ...(proposal.anonymous
        ? await anonymousRecord(tx, state, proposal, outcome)
        : {
            // The neutral facilitation team is left out of the tally and of who may respond.
            positionsByGroup: tally(countedPositions(state, proposal.positions)),
            ...dissentRecord(proposal.positions, outcome),
            suggestion: suggestOutcome(
              proposal.rule,
              proposal.quorum,
              countedPositions(state, proposal.positions),
              countedPresent(state),
            ),
          }),
      present: state.attendance.filter(presentNow).map(({ participantId, name, group }) => ({
        participantId,
        name,
        group,
      })),
      documentId: proposal.documentId,
      ...binding,
      ...(proposal.passage
        ? { passage: { text: proposal.passage.text, textHash: proposal.passage.textHash } }
        : {}),
      recordedBy: actor.id,
      recordedAt: new Date().toISOString(),
    })
    await this.#audit(tx, actor, record)
  }
}
