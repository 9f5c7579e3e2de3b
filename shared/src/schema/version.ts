import { z } from 'zod'
import { oneLine } from './text-line.js'

/** `proposal`: frozen when a proposal on the plan is opened, the text its positions are on. */
export const VersionKind = z.enum(['named', 'before-restore', 'decision', 'proposal'])
export type VersionKind = z.infer<typeof VersionKind>

/** A named, frozen state of a document's text. Versions are immutable. */
export const Version = z.object({
  id: z.string(),
  documentId: z.string(),
  name: z.string(),
  kind: VersionKind,
  /** SHA-256 of the version's canonical ProseMirror JSON. */
  contentHash: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
})
export type Version = z.infer<typeof Version>

export const CreateVersionBody = z.strictObject({
  name: oneLine(120),
  /** Freeze the text as it would read with every suggestion accepted (the live text keeps them). */
  acceptSuggestions: z.boolean().optional(),
})
export type CreateVersionBody = z.infer<typeof CreateVersionBody>

export const VersionFormat = z.enum(['json', 'md', 'text'])
export type VersionFormat = z.infer<typeof VersionFormat>

export const ExportFormat = z.enum(['md', 'html', 'json'])
export type ExportFormat = z.infer<typeof ExportFormat>

/**
 * Who made a change: a participant by id and their display name as of now, or someone no longer
 * in the workspace (removed, or their record erased), who is named by no one.
 */
export const ChangeAuthor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('participant'), participantId: z.string(), displayName: z.string() }),
  z.object({ kind: z.literal('former') }),
])
export type ChangeAuthor = z.infer<typeof ChangeAuthor>

export const WordChange = z.object({
  op: z.enum(['same', 'added', 'removed']),
  text: z.string(),
  /** Who wrote the added words, or who deleted the removed ones, as far as the server knows. */
  by: z.array(ChangeAuthor).optional(),
})
export type WordChange = z.infer<typeof WordChange>

/** One block of a structural diff; `words` marks what changed inside a changed block. */
export const BlockChange = z.object({
  op: z.enum(['same', 'added', 'removed', 'changed']),
  type: z.string(),
  before: z.string().optional(),
  after: z.string().optional(),
  words: z.array(WordChange).optional(),
  /** Everyone who wrote what this block gained, and who deleted what it lost. */
  insertedBy: z.array(ChangeAuthor).optional(),
  removedBy: z.array(ChangeAuthor).optional(),
})
export type BlockChange = z.infer<typeof BlockChange>

/** `live` names the document as it is now; anything else is a version id. */
export const CompareQuery = z.object({
  from: z.string().min(1).max(64),
  to: z.string().min(1).max(64).default('live'),
})

/** Who edited a document, grouped into sessions of editing. */
export const EditingSession = z.object({
  participantId: z.string(),
  displayName: z.string(),
  group: z.string(),
  from: z.string(),
  to: z.string(),
  updates: z.number().int(),
})
export type EditingSession = z.infer<typeof EditingSession>
