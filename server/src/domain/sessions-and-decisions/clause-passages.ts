import { fromBase64 } from 'lib0/buffer'
import * as Y from 'yjs'
import type {
  AnchoredPassage,
  ClausePassage,
  ClauseStatus,
  PassageAnchor,
  PassageProblem,
} from '../../../../shared/src/schema/clause.js'
import type { PlanDocument } from '../../../../shared/src/schema/document.js'
import type { SessionEvent } from '../../../../shared/src/schema/session.js'
import { readPassage } from '../../../../shared/src/ydoc/clause-passage.js'
import { textFragmentName } from '../../../../shared/src/ydoc/rooms.js'
import { DomainError } from '../domain-error.js'
import { mapInOrder } from '../in-order.js'
import type { Repositories, Stores } from '../ports.js'
import { sha256 } from '../records-and-publication/record-chain.js'

const problemMessages: Record<PassageProblem, string> = {
  anchor_unreadable: 'the passage anchor does not decode as Yjs relative positions',
  anchor_outside_document: 'the passage anchor is not in this plan',
  passage_empty: 'the passage holds no text: its end must come after its start',
  passage_too_long: 'the passage is too long',
  passage_without_plan: 'a passage needs the plan it is in (documentId)',
  passage_under_suggestion:
    'the passage holds suggestions not yet accepted or rejected: settle them before asking consent on it',
}

export const refusePassage = (problem: PassageProblem): never => {
  throw new DomainError('bad_request', problemMessages[problem], [
    { path: 'passage', message: problemMessages[problem], code: problem },
  ])
}

const decoded = (encoded: string): Uint8Array => {
  try {
    return fromBase64(encoded)
  } catch {
    return refusePassage('anchor_unreadable')
  }
}

/**
 * The passage an anchor names in a frozen version, read from the version's own Yjs document (the
 * positions name items of the live plan, which the version holds as they were when it froze),
 * with the SHA-256 of its text. An anchor this version cannot place is refused (400).
 */
export const frozenPassage = async (
  repositories: Pick<Repositories, 'versions'>,
  documentId: string,
  versionId: string,
  anchor: PassageAnchor,
): Promise<ClausePassage> => {
  const state = await repositories.versions.ydoc(documentId, versionId)
  const doc = new Y.Doc()
  try {
    if (state) Y.applyUpdate(doc, state)
    const reading = readPassage(
      doc.getXmlFragment(textFragmentName),
      decoded(anchor.start),
      decoded(anchor.end),
    )
    if ('problem' in reading) return refusePassage(reading.problem)
    if (reading.underSuggestion) return refusePassage('passage_under_suggestion')
    return { text: reading.text, textHash: sha256(reading.text) }
  } finally {
    doc.destroy()
  }
}

/** A proposal on a passage, as its `proposal.open` event recorded it. */
const anchoredOpen = (event: SessionEvent) => {
  const { command } = event
  if (command.type !== 'proposal.open' || !command.documentId) return undefined
  if (!command.passage || !event.passage || !event.createdId) return undefined
  return {
    documentId: command.documentId,
    proposalId: event.createdId,
    title: command.title,
    versionId: event.versionId ?? null,
    passage: { ...command.passage, ...event.passage },
  }
}

type AnchoredClause = ClauseStatus & { documentId: string }

/**
 * A decided clause's text and hash as its signed decision record names them: the hash chain and
 * the log cover the record, not the session's events, so an event rewritten in the database
 * cannot show the margin a clause nobody decided. Without the record (rows deleted, which
 * verification reports) the event's is all there is.
 */
const decidedPassage = async (
  stores: Stores,
  anchored: AnchoredPassage,
  decisionId: string | undefined,
): Promise<AnchoredPassage> => {
  const record = decisionId ? await stores.chain.find(decisionId) : undefined
  if (record?.kind !== 'decision' || !record.passage) return anchored
  return { ...anchored, text: record.passage.text, textHash: record.passage.textHash }
}

/** The clauses of one session, of any plan, read from its events and its open proposal. */
const sessionClauses = async (stores: Stores, sessionId: string): Promise<AnchoredClause[]> => {
  const clauses: AnchoredClause[] = []
  let open: ReturnType<typeof anchoredOpen>
  for (const event of await stores.sessions.events(sessionId)) {
    const { command } = event
    if (command.type === 'proposal.open') open = anchoredOpen(event)
    else if (command.type === 'proposal.withdraw') open = undefined
    else if (command.type === 'proposal.close' && open) {
      clauses.push({
        ...open,
        passage: await decidedPassage(stores, open.passage, event.createdId),
        sessionId,
        state: 'decided',
        outcome: command.outcome,
        decisionId: event.createdId ?? null,
        tally: null,
      })
      open = undefined
    }
  }
  if (open) {
    const proposal = (await stores.sessions.find(sessionId))?.state.proposal
    const positions = proposal && !proposal.hidden ? proposal.positions : undefined
    clauses.push({
      ...open,
      sessionId,
      state: 'open',
      outcome: null,
      decisionId: null,
      tally: positions
        ? {
            positions: positions.length,
            objections: positions.filter((p) => p.value === 'object').length,
            blocks: positions.filter((p) => p.value === 'block').length,
          }
        : null,
    })
  }
  return clauses
}

/**
 * Every clause of a plan that a proposal was anchored to, with how it stands: open (with its
 * tally unless results are hidden) or decided (with the outcome); withdrawn ones are left out.
 * Read from the sessions' events, which hold each anchor and what became of its proposal. Pages
 * ask every few seconds, so an ended session's clauses — final, as a session cannot end with a
 * proposal open — are read once and kept.
 */
export class PlanClauseStatuses {
  readonly #ended = new Map<string, AnchoredClause[]>()

  constructor(private readonly stores: Stores) {}

  async of(document: PlanDocument): Promise<ClauseStatus[]> {
    const sessions = await this.stores.sessions.list(document.workspaceId)
    const perSession = await mapInOrder(sessions, async (session) => {
      const kept = this.#ended.get(session.id)
      if (kept) return kept
      const clauses = await sessionClauses(this.stores, session.id)
      if (session.status === 'ended') this.#ended.set(session.id, clauses)
      return clauses
    })
    return perSession
      .flat()
      .filter((clause) => clause.documentId === document.id)
      .map(({ documentId: _, ...status }) => status)
  }
}
