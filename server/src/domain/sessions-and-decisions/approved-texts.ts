import type { ApprovedText } from '../../../../shared/src/schema/approved-text.js'
import type { PlanDocument } from '../../../../shared/src/schema/document.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import type { DecisionRecord } from '../../../../shared/src/schema/session.js'
import type { Version } from '../../../../shared/src/schema/version.js'
import type { ProseMirrorNode } from '../../../../shared/src/ydoc/prosemirror-json.js'
import { DomainError } from '../domain-error.js'
import { mapInOrder } from '../in-order.js'
import { workspaceWords } from '../people-and-access/workspace-language.js'
import type { Documents } from '../plans-and-versions/documents.js'
import { planContentHash } from '../plans-and-versions/plan-content/content-hash.js'
import type { Versions } from '../plans-and-versions/versions.js'
import type { Stores, Transaction } from '../ports.js'

/** What a decision record says about the text it approved. */
export interface TextBinding {
  versionId: string | null
  contentHash: string | null
}

const unbound: TextBinding = { versionId: null, contentHash: null }

/** How old "today's plan" may be when compared with an approved text. */
export const todayMaxAgeMs = 10_000

/** How a reader sees plan text: as it is, or with names replaced (an anonymised feed). */
export type TextView = (content: ProseMirrorNode) => ProseMirrorNode

const asItIs: TextView = (content) => content

/**
 * Decisions bound to the exact text: a proposal on a plan freezes a version when it is opened,
 * its decision carries that version and the hash of its content, and readers are shown the text
 * approved and how today's plan differs from it.
 */
export class ApprovedTexts {
  /** Today's text of each plan, as last read, and when: see `#live`. */
  readonly #today = new Map<string, { content: ProseMirrorNode; readAt: number }>()

  constructor(
    private readonly stores: Stores,
    private readonly documents: Documents,
    private readonly versions: Versions,
  ) {}

  /**
   * The plan's live text, read at most once per `todayMaxAgeMs`: the public feed is open to
   * anyone, and reading a plan rebuilds its document from the stored updates, so a flood of
   * requests must not make the server do that for each.
   */
  async #live(document: PlanDocument): Promise<ProseMirrorNode> {
    const cached = this.#today.get(document.id)
    if (cached && Date.now() - cached.readAt < todayMaxAgeMs) return cached.content
    const content = await this.versions.content(document, 'live')
    this.#today.set(document.id, { content, readAt: Date.now() })
    return content
  }

  /**
   * Freezes the plan's committed text for a proposal being opened, in `tx`: the opening
   * transaction (the caller committed what rooms held before it began). Only a live plan of the
   * actor's workspace: another's is unknown (404), an archived one 400.
   */
  async freeze(
    tx: Transaction,
    actor: Participant,
    documentId: string,
    title: string,
  ): Promise<Version> {
    const document = await this.documents.get(actor.workspaceId, documentId)
    if (document.archived) {
      throw new DomainError('bad_request', 'the document is archived', [
        { path: 'documentId', message: 'the document is archived' },
      ])
    }
    const name =
      `${(await workspaceWords(tx, actor.workspaceId)).version.proposal}: ${title}`.slice(0, 120)
    return await this.versions.saveIn(tx, actor, document, name, 'proposal')
  }

  /**
   * What a decision binds: the version frozen when its proposal was opened; without one (a
   * decision recorded directly, or a proposal opened before versions were frozen at opening) a
   * version frozen now. The hash is recomputed from the stored content, whatever the version
   * row says, so it always follows the rule in `canonicalPlanContent`. A version is saved in `tx`
   * from committed text: the caller committed what rooms held before `tx` began.
   */
  async bind(
    tx: Transaction,
    actor: Participant,
    documentId: string | null | undefined,
    versionId: string | null | undefined,
    title: string,
  ): Promise<TextBinding> {
    if (!documentId) return unbound
    const document = await this.documents.get(actor.workspaceId, documentId)
    const version = versionId
      ? (await this.versions.get(document, versionId)).version
      : await this.versions.saveIn(
          tx,
          actor,
          document,
          `${(await workspaceWords(tx, actor.workspaceId)).version.decision}: ${title}`.slice(
            0,
            120,
          ),
          'decision',
        )
    const found = await tx.versions.find(document.id, version.id)
    if (!found) throw new DomainError('not_found', 'no such version of this document')
    const { content } = found
    return { versionId: version.id, contentHash: planContentHash(content) }
  }

  /**
   * The approved text of each decision that names a version, with today's plan compared to it.
   * `view` is applied to both texts before comparing (an anonymised feed replaces names in each).
   */
  async of(
    workspaceId: string,
    records: readonly DecisionRecord[],
    view: TextView = asItIs,
  ): Promise<ApprovedText[]> {
    const today = new Map<string, ProseMirrorNode>()
    const todayOf = async (document: PlanDocument) => {
      let content = today.get(document.id)
      if (!content) {
        content = view(await this.#live(document))
        today.set(document.id, content)
      }
      return content
    }
    const texts = await mapInOrder(records, async (record): Promise<ApprovedText[]> => {
      const { documentId, versionId } = record
      if (!documentId || !versionId) return []
      const document = await this.stores.documents.find(documentId)
      const found = document && (await this.stores.versions.find(documentId, versionId))
      if (!document || document.workspaceId !== workspaceId || !found) return []
      const approved = view(found.content)
      return [
        {
          decisionId: record.id,
          documentId,
          versionId,
          frozenAt: found.version.createdAt,
          content: approved as unknown as Record<string, unknown>,
          // Checked on what is stored, before any names are replaced: a version row edited
          // behind the server's back is reported, never shown as what was approved.
          matchesRecord:
            record.contentHash == null
              ? null
              : planContentHash(found.content) === record.contentHash,
          changesSince: this.versions
            .diff(approved, await todayOf(document))
            .filter((change) => change.op !== 'same'),
        },
      ]
    })
    return texts.flat()
  }

  /** One decision's approved text, for members (404 when the decision names no version). */
  async ofDecision(workspaceId: string, decisionId: string): Promise<ApprovedText> {
    const record = await this.stores.chain.find(decisionId)
    if (record?.kind !== 'decision' || record.workspaceId !== workspaceId) {
      throw new DomainError('not_found', 'no such decision in this workspace')
    }
    const [approved] = await this.of(workspaceId, [record])
    if (!approved) throw new DomainError('not_found', 'this decision approved no version of a plan')
    return approved
  }
}
