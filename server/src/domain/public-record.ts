import type { Participant } from '../../../shared/src/schema/people.js'
import type {
  Publication,
  PublicFeed,
  PublishBody,
} from '../../../shared/src/schema/publication.js'
import type { ChainRecord } from '../../../shared/src/schema/record-chain.js'
import type { Agreements } from './agreements.js'
import { recordAudit } from './audit.js'
import { DomainError } from './domain-error.js'
import type { Stores } from './ports.js'
import type { RecordChain } from './record-chain.js'
import { newInviteCode } from './secrets.js'

const unpublished: Publication = {
  published: false,
  anonymised: false,
  publicId: null,
  publishedAt: null,
  url: null,
  feedUrl: null,
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Replaces every person in the feed by a pseudonym: ids and names in their own fields, and names
 * wherever they appear in text (an agreement's text names each term's owner). Party names stay:
 * they are organisations, and an agreement means nothing without them.
 */
const anonymise = <T>(value: T, people: readonly (readonly [string, string])[]): T => {
  const pseudonyms = new Map<string, string>()
  const pseudonymOf = (id: string) => {
    let pseudonym = pseudonyms.get(id)
    if (!pseudonym) {
      pseudonym = `Participant ${pseudonyms.size + 1}`
      pseudonyms.set(id, pseudonym)
    }
    return pseudonym
  }
  const byName = new Map<string, string>()
  for (const [id, name] of people) if (name && !byName.has(name)) byName.set(name, pseudonymOf(id))
  // Whole names only (not "Ana" inside "Banana"), longest first so "Ana Lima" wins over "Ana".
  const names = [...byName.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp)
  const pattern =
    names.length > 0
      ? new RegExp(`(?<![\\p{L}\\p{N}])(${names.join('|')})(?![\\p{L}\\p{N}])`, 'gu')
      : undefined
  const walk = (item: unknown, field?: string): unknown => {
    if (typeof item === 'string') {
      if (field && personFields.has(field)) return pseudonymOf(item)
      return pattern ? item.replace(pattern, (name) => byName.get(name) ?? name) : item
    }
    if (Array.isArray(item)) return item.map((entry) => walk(entry))
    if (item && typeof item === 'object') {
      return Object.fromEntries(Object.entries(item).map(([key, entry]) => [key, walk(entry, key)]))
    }
    return item
  }
  return walk(value) as T
}

/** Fields of records that hold a participant's id. */
const personFields = new Set(['participantId', 'ownerId', 'recordedBy'])

/** The people named inside records, as they were named then (which may differ from today). */
const peopleIn = (records: readonly ChainRecord[]): [string, string][] =>
  records.flatMap((record): [string, string][] =>
    record.kind === 'decision'
      ? record.present.map((person) => [person.participantId, person.name])
      : [
          ...record.signatures.map((item): [string, string] => [item.participantId, item.name]),
          ...record.terms.map((term): [string, string] => [term.ownerId, term.ownerName]),
        ],
  )

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
          anonymised: body.anonymised ?? false,
          publishedAt: new Date().toISOString(),
        })
      } else {
        this.stores.publications.remove(actor.workspaceId)
      }
      recordAudit(this.stores, {
        workspaceId: actor.workspaceId,
        actorId: actor.id,
        action: 'publication.changed',
        details: { published: body.published, anonymised: body.anonymised ?? false },
      })
    })()
    return this.settings(actor.workspaceId, base)
  }

  feed(publicId: string): PublicFeed {
    const publication = this.stores.publications.byPublicId(publicId)
    const workspace = publication && this.stores.workspaces.findWorkspace(publication.workspaceId)
    if (!publication || !workspace) throw new DomainError('not_found', 'no public record here')
    const records = this.chain.list(workspace.id)
    const followUp = this.agreements
      .listByWorkspace(workspace.id)
      .filter((agreement) => agreement.status === 'signed')
      .flatMap((agreement) =>
        agreement.followUp.map((term) => ({ ...term, agreementId: agreement.id })),
      )
    const feed: PublicFeed = {
      workspace: { name: workspace.name },
      anonymised: publication.anonymised,
      publishedAt: publication.publishedAt,
      generatedAt: new Date().toISOString(),
      verification: this.chain.verify(workspace.id),
      records,
      followUp,
    }
    if (!publication.anonymised) return feed
    const people = [
      ...this.stores.workspaces
        .listParticipants(workspace.id)
        .map((person): [string, string] => [person.id, person.displayName]),
      ...peopleIn(records),
    ]
    const anonymous = anonymise({ records: feed.records, followUp: feed.followUp }, people)
    return { ...feed, ...anonymous }
  }
}
