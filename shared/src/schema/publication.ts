import { z } from 'zod'
import { LogCheck } from '../transparency/log-check.js'
import { ApprovedText } from './approved-text.js'
import { AgreementRecord, TermFollowUp } from './mediation.js'
import { ChainRecord, RecordPeople } from './record-chain.js'
import { ChainVerification } from './session.js'

/** Whether and how a workspace's record is public. */
export const Publication = z.object({
  published: z.boolean(),
  /** Names of people replaced by pseudonyms (party names, the organisations, stay). */
  anonymised: z.boolean(),
  publicId: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** The public page; the JSON feed is at `feedUrl`. */
  url: z.string().nullable(),
  feedUrl: z.string().nullable(),
})
export type Publication = z.infer<typeof Publication>

export const PublishBody = z.strictObject({
  published: z.boolean(),
  /** Left out: the current choice stays (so re-publishing never reveals names by accident). */
  anonymised: z.boolean().optional(),
})
export type PublishBody = z.input<typeof PublishBody>

/** Which choice to preview: query strings carry text, so the two words are spelled out. */
export const PublicationPreviewQuery = z.object({ anonymised: z.enum(['true', 'false']) })

/** A signed agreement as shown to readers, in its record's shape, and how its rows compare. */
export const PublishedAgreement = AgreementRecord.extend({ logCheck: LogCheck })
export type PublishedAgreement = z.infer<typeof PublishedAgreement>

/** What anyone may read without a token: the chain of records, verified, and term follow-up. */
export const PublicFeed = z.object({
  workspace: z.object({ name: z.string() }),
  anonymised: z.boolean(),
  publishedAt: z.string(),
  generatedAt: z.string(),
  /** The server's check of the whole chain, at `generatedAt`. */
  verification: ChainVerification,
  /**
   * The log's records. Those that name people by commitment are served exactly as hashed, named
   * or anonymised alike: anyone can recompute the chain (SHA-256 over the canonical JSON of the
   * record without `hash`). Records written before commitments hold names: in an anonymised feed
   * those are pseudonymised copies, and then `recordsAsLogged` is false.
   */
  records: z.array(ChainRecord),
  recordsAsLogged: z.boolean(),
  /** The name shown for each person commitment: a display name, or a pseudonym when anonymised. */
  people: RecordPeople,
  /**
   * Each signed agreement as shown to readers, rendered from its log entries (text, parties,
   * terms, signatures); `logCheck` says whether the stored rows still match them.
   */
  agreements: z.array(PublishedAgreement),
  followUp: z.array(TermFollowUp.extend({ agreementId: z.string() })),
  /**
   * The text each decision approved and how today's plan differs from it. Named, the content is
   * exactly what the record's `contentHash` covers; anonymised, names in it are replaced.
   */
  approvedTexts: z.array(ApprovedText).default([]),
})
export type PublicFeed = z.infer<typeof PublicFeed>
