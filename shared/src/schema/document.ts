import { z } from 'zod'
import { oneLine } from './text-line.js'

export const DocumentTemplate = z.enum(['blank', 'smart-city-vision'])
export type DocumentTemplate = z.infer<typeof DocumentTemplate>

export const PlanDocument = z.object({
  id: z.string(),
  workspaceId: z.string(),
  title: z.string(),
  template: DocumentTemplate,
  /** The room holding the text (write: facilitator, mediator, stakeholder). */
  room: z.string(),
  /** The room holding the comment threads (write: everyone but observers). */
  commentsRoom: z.string(),
  archived: z.boolean(),
  /**
   * The facilitator lets commenters suggest changes to the text (marked suggestions only, which
   * writers accept or reject); off, commenters only comment.
   */
  commentersMaySuggest: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
})
export type PlanDocument = z.infer<typeof PlanDocument>

const Title = oneLine(200)

export const CreateDocumentBody = z.strictObject({
  title: Title,
  template: DocumentTemplate.default('blank'),
})
export type CreateDocumentBody = z.infer<typeof CreateDocumentBody>

export const UpdateDocumentBody = z
  .strictObject({
    title: Title.optional(),
    archived: z.boolean().optional(),
    commentersMaySuggest: z.boolean().optional(),
  })
  .refine(
    (body) =>
      body.title !== undefined ||
      body.archived !== undefined ||
      body.commentersMaySuggest !== undefined,
    { message: 'give a title, archived or commentersMaySuggest to change', path: ['title'] },
  )
export type UpdateDocumentBody = z.infer<typeof UpdateDocumentBody>
