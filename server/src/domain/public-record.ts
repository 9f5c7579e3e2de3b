import type { Participant } from '../../../shared/src/schema/people.js'
import type {
  Publication,
  PublicFeed,
  PublishBody,
} from '../../../shared/src/schema/publication.js'
import type { ChainRecord } from '../../../shared/src/schema/record-chain.js'
import type { Workspace } from '../../../shared/src/schema/workspace.js'
import type { Agreements } from './agreements.js'
import { anonymise } from './anonymise.js'
import { recordAudit } from './audit.js'
import { DomainError } from './domain-error.js'
import type { Stores } from './ports.js'
import type { RecordChain } from './record-chain.js'
import { newInviteCode } from './secrets.js'

// Names stay out of public view unless a facilitator chooses to show them.
const unpublished: Publication = {
  published: false,
  anonymised: true,
  publicId: null,
  publishedAt: null,
  url: null,
  feedUrl: null,
}

/** The people a record names, as they were named when it was written. */
const namedIn = (record: ChainRecord): [string, string][] =>
  record.kind === 'decision'
    ? record.present.map((person) => [person.participantId, person.name])
    : [
        ...record.signatures.map((item): [string, string] => [item.participantId, item.name]),
        ...record.terms.map((term): [string, string] => [term.ownerId, term.ownerName]),
      ]

/**
 * The public record of a workspace: when a facilitator publishes it, anyone with the link reads
 * its decisions and signed agreements with the chain's verification, and nothing else.
 */
export class PublicRecord {
  constructor(
    private readonly stores: Stores,
    private readonly chain: RecordChain,
    private readonly agreements: Agreements,
  ) {}

  settings(workspaceId: string, base: string): Publication {
    const publication = this.stores.publications.ofWorkspace(workspaceId)
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
  set(actor: Participant, body: PublishBody, base: string): Publication {
    this.stores.db.transaction(() => {
      if (body.published) {
        this.stores.publications.upsert({
          workspaceId: actor.workspaceId,
          // Unguessable: the link is the only key to the page.
          publicId: newInviteCode(),
          // Left out, the current choice stays: publishing again never reveals names by accident.
          anonymised:
            body.anonymised ??
            this.stores.publications.ofWorkspace(actor.workspaceId)?.anonymised ??
            true,
          publishedAt: new Date().toISOString(),
        })
      } else {
        this.stores.publications.remove(actor.workspaceId)
      }
      recordAudit(this.stores, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'publication.changed',
        details: { published: body.published, anonymised: body.anonymised ?? null },
      })
    })()
    return this.settings(actor.workspaceId, base)
  }

  feed(publicId: string): PublicFeed {
    const publication = this.stores.publications.byPublicId(publicId)
    const workspace = publication && this.stores.workspaces.findWorkspace(publication.workspaceId)
    if (!publication || !workspace) throw new DomainError('not_found', 'no public record here')
    return this.#build(workspace, publication.anonymised, publication.publishedAt)
  }

  /**
   * The log behind a published record. Its entries are shown only when the record is published
   * named: today's records carry people's names in their hashed content.
   */
  publishedLog(publicId: string): { workspaceId: string; entriesShown: boolean } {
    const publication = this.stores.publications.byPublicId(publicId)
    if (!publication) throw new DomainError('not_found', 'no public record here')
    return { workspaceId: publication.workspaceId, entriesShown: !publication.anonymised }
  }

  /** Exactly what publishing with this choice would show now, for the facilitator to check. */
  preview(workspaceId: string, anonymised: boolean): PublicFeed {
    const workspace = this.stores.workspaces.findWorkspace(workspaceId)
    if (!workspace) throw new DomainError('not_found', 'no such workspace')
    return this.#build(workspace, anonymised, new Date().toISOString())
  }

  #build(workspace: Workspace, anonymised: boolean, publishedAt: string): PublicFeed {
    const records = this.chain.list(workspace.id)
    const followUp = this.agreements
      .listByWorkspace(workspace.id)
      .filter((agreement) => agreement.status === 'signed')
      .flatMap((agreement) =>
        agreement.followUp.map((term) => ({ ...term, agreementId: agreement.id })),
      )
    const feed: PublicFeed = {
      workspace: { name: workspace.name },
      anonymised,
      publishedAt,
      generatedAt: new Date().toISOString(),
      verification: this.chain.verify(workspace.id),
      records,
      followUp,
    }
    if (!anonymised) return feed
    // Everyone who ever took part (people removed since included), as named then and now.
    const people = [
      ...this.stores.workspaces.everyoneNamed(workspace.id),
      ...records.flatMap(namedIn),
      ...followUp.flatMap((term) =>
        term.history.map((entry): [string, string] => [entry.participantId, entry.name]),
      ),
    ]
    const anonymous = anonymise({ records: feed.records, followUp: feed.followUp }, people)
    return { ...feed, ...anonymous }
  }
}
