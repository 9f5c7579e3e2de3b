import { z } from 'zod'
import {
  type CreateDocumentBody,
  PlanDocument,
  type UpdateDocumentBody,
} from '../../../shared/src/schema/document.js'
import { request } from './http.js'

const base = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}/documents`
const DocumentAnswer = z.object({ document: PlanDocument })

export const fetchDocuments = async (workspaceId: string) =>
  (await request('GET', base(workspaceId), z.object({ documents: z.array(PlanDocument) })))
    .documents

export const fetchDocument = async (workspaceId: string, documentId: string) =>
  (await request('GET', `${base(workspaceId)}/${encodeURIComponent(documentId)}`, DocumentAnswer))
    .document

export const createDocument = async (workspaceId: string, body: CreateDocumentBody) =>
  (await request('POST', base(workspaceId), DocumentAnswer, body)).document

export const updateDocument = async (
  workspaceId: string,
  documentId: string,
  body: UpdateDocumentBody,
) =>
  (
    await request(
      'PATCH',
      `${base(workspaceId)}/${encodeURIComponent(documentId)}`,
      DocumentAnswer,
      body,
    )
  ).document
