import type { Agreement } from '../../../../shared/src/schema/mediation.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import type {
  Publication,
  PublicFeed,
  PublishBody,
  PublishedAgreement,
} from '../../../../shared/src/schema/publication.js'
import type { ChainRecord } from '../../../../shared/src/schema/record-chain.js'
import type { DecisionRecord } from '../../../../shared/src/schema/session.js'
import type { Workspace } from '../../../../shared/src/schema/workspace.js'
import { isCommitment } from '../../../../shared/src/transparency/person-commitment.js'
import { DomainError } from '../domain-error.js'
import type { Agreements } from '../mediation-and-agreements/agreements.js'
import { recordAudit } from '../people-and-access/audit.js'
import type { Stores } from '../ports.js'
import { newInviteCode } from '../secrets.js'
import type { ApprovedTexts } from '../sessions-and-decisions/approved-texts.js'
import { isCommitted } from './agreement-log.js'
import { anonymise } from './anonymise.js'
import type { PersonCommitments } from './person-commitments.js'
import type { RecordChain } from './record-chain.js'
import type { RecordCheck } from './record-check.js'

/** How long a built public feed may be served again (today's plan in it is as fresh). */
const feedMaxAgeMs = 5_000

// Names stay out of public view unless a facilitator chooses to show them.
const unpublished: Publication = {
  published: false,
  anonymised: true,
  publicId: null,
  publishedAt: null,
  url: null,
  feedUrl: null,
}

/** The people a record written before commitments names, as they were named then. */
const namedIn = (record: ChainRecord): [string, string][] =>
  record.kind === 'decision'
    ? record.present.flatMap((person): [string, string][] =>
        'name' in person ? [[person.participantId, person.name]] : [],
      )
    : record.kind === 'agreement' && !isCommitted(record)
      ? [
          ...record.signatures.map((item): [string, string] => [item.participantId, item.name]),
          ...record.terms.map((term): [string, string] => [term.ownerId, term.ownerName]),
        ]
      : []

/** Whether a record holds names (written before people became commitments). */
const holdsNames = (record: ChainRecord): boolean =>
  record.kind === 'decision'
    ? !isCommitment(record.recordedBy)
    : record.kind === 'agreement' && !isCommitted(record)

/** A signed agreement as readers are shown it, in the shape of its record. */
const published = (agreement: Agreement, record: ChainRecord): PublishedAgreement => ({
  kind: 'agreement',
  id: agreement.id,
  workspaceId: agreement.workspaceId,
  sequence: record.sequence,
  sessionId: agreement.sessionId,
  title: agreement.title,
  text: agreement.text,
  textHash: agreement.textHash,
  parties: agreement.parties.map(({ id, name }) => ({ id, name })),
  terms: agreement.terms,
  signatures: agreement.signatures,
  amends: agreement.amends,
  recordedAt: agreement.signedAt ?? '',
  previousHash: record.previousHash,
  hash: record.hash,
  logCheck: agreement.logCheck ?? { matches: true, mismatches: [] },
})

/**
 * The public record of a workspace: when a facilitator publishes it, anyone with the link reads
 * its decisions and signed agreements with the chain's verification, and nothing else.
 */
export class PublicRecord {
  readonly #feeds = new Map<
    string,
    { feed: PublicFeed; builtAt: number; anonymised: boolean; size: number; outsideWrites: number }
  >()

  constructor(
    private readonly stores: Stores,
    private readonly chain: RecordChain,
    private readonly agreements: Agreements,
    private readonly approvedTexts: ApprovedTexts,
    private readonly recordCheck: RecordCheck,
    private readonly commitments: PersonCommitments,
  ) {}

  async settings(workspaceId: string, base: string): Promise<Publication> {
    const publication = await this.stores.publications.ofWorkspace(workspaceId)
    if (!publication) return unpublished
    return {
      published: true,
      anonymised: publication.anonymised,
      publicId: publication.publicId,
      publishedAt: publication.publishedAt,
      url: `${base}/p/${publication.publicId}`,
      feedUrl: `${base}/api/public/${publication.publicId}`,
    }
  }

  /** Publishes (keeping the link when only the anonymity changes) or withdraws the record. */
  async set(actor: Participant, body: PublishBody, base: string): Promise<Publication> {
    await this.stores.transaction(async (tx) => {
      // Left out, the current choice stays: publishing again never reveals names by accident.
      const anonymised = body.published
        ? (body.anonymised ??
          (await tx.publications.ofWorkspace(actor.workspaceId))?.anonymised ??
          true)
        : null
      if (anonymised !== null) {
        await tx.publications.upsert({
          workspaceId: actor.workspaceId,
          // Unguessable: the link is the only key to the page.
          publicId: newInviteCode(),
          anonymised,
          publishedAt: new Date().toISOString(),
        })
      } else {
        await tx.publications.remove(actor.workspaceId)
      }
      // What was published, as it was: the audit never says "not said" of an anonymised record.
      await recordAudit(tx, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'publication.changed',
        details: { published: body.published, anonymised },
      })
    })
    return await this.settings(actor.workspaceId, base)
  }

  /**
   * The published record. Built once and served again while the log has not grown, nothing
   * outside the server has written, and at most `feedMaxAgeMs` have passed: anyone with the link
   * may ask, and building it recomputes the chain, the tree and the approved texts' differences.
   */
  async feed(publicId: string): Promise<PublicFeed> {
    const publication = await this.stores.publications.byPublicId(publicId)
    const workspace =
      publication && (await this.stores.workspaces.findWorkspace(publication.workspaceId))
    if (!publication || !workspace) throw new DomainError('not_found', 'no public record here')
    const key = {
      anonymised: publication.anonymised,
      size: await this.stores.chain.count(workspace.id),
      outsideWrites: await this.stores.chain.outsideWrites(),
    }
    const cached = this.#feeds.get(publicId)
    if (
      cached &&
      Date.now() - cached.builtAt < feedMaxAgeMs &&
      cached.anonymised === key.anonymised &&
      cached.size === key.size &&
      cached.outsideWrites === key.outsideWrites
    ) {
      return cached.feed
    }
    const feed = await this.#build(workspace, publication.anonymised, publication.publishedAt)
    // A handful of published records are read at once; forget the oldest past a few dozen.
    if (this.#feeds.size >= 64) this.#feeds.delete(this.#feeds.keys().next().value as string)
    this.#feeds.set(publicId, { ...key, feed, builtAt: Date.now() })
    return feed
  }

  /**
   * The log behind a published record. Records name people by commitment, so its entries are
   * shown named or anonymised alike — unless the log holds records written before commitments,
   * which carry names in their hashed content: then only a named record shows them.
   */
  async publishedLog(publicId: string): Promise<{ workspaceId: string; entriesShown: boolean }> {
    const publication = await this.stores.publications.byPublicId(publicId)
    if (!publication) throw new DomainError('not_found', 'no public record here')
    const { workspaceId } = publication
    const entriesShown =
      !publication.anonymised || !(await this.chain.list(workspaceId)).some(holdsNames)
    return { workspaceId, entriesShown }
  }

  /** Exactly what publishing with this choice would show now, for the facilitator to check. */
  async preview(workspaceId: string, anonymised: boolean): Promise<PublicFeed> {
    const workspace = await this.stores.workspaces.findWorkspace(workspaceId)
    if (!workspace) throw new DomainError('not_found', 'no such workspace')
    return await this.#build(workspace, anonymised, new Date().toISOString())
  }

  async #build(
    workspace: Workspace,
    anonymised: boolean,
    publishedAt: string,
  ): Promise<PublicFeed> {
    const records = await this.chain.list(workspace.id)
    const byId = new Map(records.map((record) => [record.id, record]))
    // Served from the log: a row edited behind the server's back is reported, never shown.
    const signed = (await this.agreements.listByWorkspace(workspace.id)).filter(
      (agreement) => agreement.status === 'signed' && byId.has(agreement.id),
    )
    const followUp = signed.flatMap((agreement) =>
      agreement.followUp.map((term) => ({ ...term, agreementId: agreement.id })),
    )
    const agreements = signed.flatMap((agreement) => {
      const record = byId.get(agreement.id)
      return record ? [published(agreement, record)] : []
    })
    const people = (await this.commitments.reader(workspace.id))?.people() ?? []
    const decisions = records.filter(
      (record): record is DecisionRecord => record.kind === 'decision',
    )
    const feed: PublicFeed = {
      workspace: { name: workspace.name },
      anonymised,
      publishedAt,
      generatedAt: new Date().toISOString(),
      verification: await this.recordCheck.verify(workspace.id),
      records,
      recordsAsLogged: true,
      people: Object.fromEntries(people.map((person) => [person.commitment, person.name])),
      agreements,
      followUp,
      approvedTexts: anonymised ? [] : await this.approvedTexts.of(workspace.id, decisions),
    }
    if (!anonymised) return feed
    // Everyone who ever took part (people removed since included), as named then and now.
    const named = [
      ...(await this.stores.workspaces.everyoneNamed(workspace.id)),
      ...people.map((person): [string, string] => [person.participantId, person.name]),
      ...records.flatMap(namedIn),
      ...agreements.flatMap(namedIn),
      ...followUp.flatMap((term) =>
        term.history.map((entry): [string, string] => [entry.participantId, entry.name]),
      ),
    ]
    // Names in a plan's text are replaced too, in both texts before they are compared.
    const approvedTexts = await this.approvedTexts.of(workspace.id, decisions, (content) =>
      anonymise(content, named),
    )
    // Records with commitments stay as hashed; only what shows names is pseudonymised.
    const legacy = records.filter(holdsNames)
    const anonymous = anonymise(
      {
        legacy,
        agreements,
        followUp,
        people: people.map(({ participantId, name, commitment }) => ({
          participantId,
          name,
          commitment,
        })),
      },
      named,
    )
    const replaced = new Map(anonymous.legacy.map((record) => [record.id, record]))
    return {
      ...feed,
      records: records.map((record) => replaced.get(record.id) ?? record),
      recordsAsLogged: legacy.length === 0,
      people: Object.fromEntries(
        anonymous.people.map((person) => [person.commitment, person.name]),
      ),
      agreements: anonymous.agreements,
      followUp: anonymous.followUp,
      approvedTexts,
    }
  }
}
