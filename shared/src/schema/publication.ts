import { z } from 'zod'
import { ApprovedText } from './approved-text.js'
import { TermFollowUp } from './mediation.js'
import { ChainRecord } from './record-chain.js'
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

/** What anyone may read without a token: the chain of records, verified, and term follow-up. */
export const PublicFeed = z.object({
  workspace: z.object({ name: z.string() }),
  anonymised: z.boolean(),
  publishedAt: z.string(),
  generatedAt: z.string(),
  /** The server's check of the whole chain, at `generatedAt`. */
  verification: ChainVerification,
  /**
   * When not anonymised, each record is exactly what was hashed: anyone can recompute the chain
   * (SHA-256 over the canonical JSON of the record without `hash`). Anonymised records have
   * names replaced, so only the server's verification applies to them.
   */
  records: z.array(ChainRecord),
  followUp: z.array(TermFollowUp.extend({ agreementId: z.string() })),
  /**
   * The text each decision approved and how today's plan differs from it. Named, the content is
   * exactly what the record's `contentHash` covers; anonymised, names in it are replaced.
   */
  approvedTexts: z.array(ApprovedText).default([]),
})
export type PublicFeed = z.infer<typeof PublicFeed>
