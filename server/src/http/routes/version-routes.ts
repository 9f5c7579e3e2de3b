import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { AuthorshipQuery, PlanAuthorship } from '../../../../shared/src/schema/authorship.js'
import { PlanClauses } from '../../../../shared/src/schema/clause.js'
import type { PlanDocument } from '../../../../shared/src/schema/document.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import {
  BlockChange,
  CompareQuery,
  CreateVersionBody,
  EditingSession,
  ExportFormat,
  Version,
  VersionFormat,
} from '../../../../shared/src/schema/version.js'
import { DomainError } from '../../domain/domain-error.js'
import { exportPagePolicy, toHtmlPage } from '../../domain/plans-and-versions/plan-content/html.js'
import { toMarkdown } from '../../domain/plans-and-versions/plan-content/markdown.js'
import { liveVersion, Versions } from '../../domain/plans-and-versions/versions.js'
import { type ApiServices, authErrors, bearerSecurity, jsonContent } from '../api-context.js'
import { requestToken } from '../credentials.js'

const DocumentParams = z.object({ documentId: z.string().min(1).max(64) })
const VersionParams = DocumentParams.extend({ versionId: z.string().min(1).max(64) })
const tags = ['versions']
const writers = ['facilitator', 'mediator', 'stakeholder'] as const

const fileName = (title: string): string =>
  title
    .replace(/[^A-Za-z0-9 _-]+/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 60) || 'plan'

export const registerVersionRoutes = (api: OpenAPIHono, services: ApiServices): void => {
  const { access, documents, versions, sessions } = services

  /** The document and the caller, whose token must belong to the document's workspace. */
  const documentAndActor = async (
    c: Context,
    documentId: string,
  ): Promise<[PlanDocument, Participant]> => {
    const workspaceId = await documents.workspaceOf(documentId)
    if (!workspaceId) {
      // Check the caller first, so an anonymous caller learns nothing about which ids exist.
      if (!(await access.identify(requestToken(c, '')))) {
        throw new DomainError('unauthorized', 'a valid token is required')
      }
      throw new DomainError('not_found', 'no such document')
    }
    const actor = await access.member(requestToken(c, workspaceId), workspaceId)
    return [await documents.get(workspaceId, documentId), actor]
  }

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/documents/{documentId}/versions',
      tags,
      summary: 'Freeze the current text as a named version (writers)',
      security: bearerSecurity,
      request: {
        params: DocumentParams,
        body: { ...jsonContent(CreateVersionBody, 'The name'), required: true },
      },
      responses: { 201: jsonContent(z.object({ version: Version }), 'Saved'), ...authErrors },
    }),
    async (c) => {
      const [document, actor] = await documentAndActor(c, c.req.valid('param').documentId)
      access.requireRole(actor, writers, 'save versions')
      const { name, acceptSuggestions } = c.req.valid('json')
      const version = await versions.save(actor, document, name, 'named', { acceptSuggestions })
      return c.json({ version }, 201)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/documents/{documentId}/versions',
      tags,
      summary: 'The versions of a document, oldest first',
      security: bearerSecurity,
      request: { params: DocumentParams },
      responses: {
        200: jsonContent(z.object({ versions: z.array(Version) }), 'Versions'),
        ...authErrors,
      },
    }),
    async (c) => {
      const [document] = await documentAndActor(c, c.req.valid('param').documentId)
      return c.json({ versions: await versions.list(document) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/documents/{documentId}/versions/{versionId}',
      tags,
      summary: 'One version, as ProseMirror JSON, Markdown or plain text',
      security: bearerSecurity,
      request: {
        params: VersionParams,
        query: z.object({ format: VersionFormat.default('json') }),
      },
      responses: {
        200: {
          ...jsonContent(
            z.object({ version: Version, content: z.record(z.string(), z.unknown()) }),
            'The version',
          ),
          content: {
            'application/json': {
              schema: z.object({ version: Version, content: z.record(z.string(), z.unknown()) }),
            },
            'text/markdown': { schema: z.string() },
            'text/plain': { schema: z.string() },
          },
        },
        ...authErrors,
      },
    }),
    async (c) => {
      const { documentId, versionId } = c.req.valid('param')
      const [document] = await documentAndActor(c, documentId)
      const { version, content } = await versions.get(document, versionId)
      const format = c.req.valid('query').format
      if (format === 'md') {
        return c.body(toMarkdown(content), 200, { 'Content-Type': 'text/markdown; charset=utf-8' })
      }
      if (format === 'text') {
        return c.body(Versions.plainText(content), 200, {
          'Content-Type': 'text/plain; charset=utf-8',
        })
      }
      return c.json({ version, content: content as unknown as Record<string, unknown> }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/documents/{documentId}/compare',
      tags,
      summary: 'What changed between two versions, or a version and the live text (`live`)',
      security: bearerSecurity,
      request: { params: DocumentParams, query: CompareQuery },
      responses: {
        200: jsonContent(
          z.object({ from: z.string(), to: z.string(), changes: z.array(BlockChange) }),
          'Changes by block, with changed words marked and who made each change',
        ),
        ...authErrors,
      },
    }),
    async (c) => {
      const [document] = await documentAndActor(c, c.req.valid('param').documentId)
      const { from, to } = c.req.valid('query')
      return c.json({ from, to, changes: await versions.compare(document, from, to) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/documents/{documentId}/authorship',
      tags,
      summary: 'Who wrote each passage of a version or the live text (`live`), by clause and group',
      security: bearerSecurity,
      request: { params: DocumentParams, query: AuthorshipQuery },
      responses: {
        200: jsonContent(PlanAuthorship, 'Runs of each clause by author, and sums by group'),
        ...authErrors,
      },
    }),
    async (c) => {
      const [document] = await documentAndActor(c, c.req.valid('param').documentId)
      return c.json(await versions.authorship(document, c.req.valid('query').version), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/documents/{documentId}/clauses',
      tags,
      summary: 'The clauses proposals were anchored to, and how each stands (for the margin)',
      security: bearerSecurity,
      request: { params: DocumentParams },
      responses: {
        200: jsonContent(PlanClauses, 'Each anchored clause: anchor, frozen text, status'),
        ...authErrors,
      },
    }),
    async (c) => {
      const [document] = await documentAndActor(c, c.req.valid('param').documentId)
      return c.json({ clauses: await sessions.clauses(document) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/documents/{documentId}/versions/{versionId}/restore',
      tags,
      summary: 'Make the live text that of a version, as a new change (writers)',
      description: 'The text as it was is first saved as a version of kind `before-restore`.',
      security: bearerSecurity,
      request: { params: VersionParams },
      responses: {
        200: jsonContent(z.object({ savedBefore: Version }), 'Restored'),
        ...authErrors,
      },
    }),
    async (c) => {
      const { documentId, versionId } = c.req.valid('param')
      const [document, actor] = await documentAndActor(c, documentId)
      access.requireRole(actor, writers, 'restore versions')
      return c.json({ savedBefore: await versions.restore(actor, document, versionId) }, 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/documents/{documentId}/export',
      tags,
      summary: 'Download the document or a version as Markdown, printable HTML or JSON',
      security: bearerSecurity,
      request: {
        params: DocumentParams,
        query: z.object({
          format: ExportFormat.default('md'),
          version: z.string().min(1).max(64).default(liveVersion),
        }),
      },
      responses: {
        200: {
          description: 'The file',
          content: {
            'text/markdown': { schema: z.string() },
            'text/html': { schema: z.string() },
            'application/json': { schema: z.record(z.string(), z.unknown()) },
          },
        },
        ...authErrors,
      },
    }),
    async (c) => {
      const [document] = await documentAndActor(c, c.req.valid('param').documentId)
      const { format, version } = c.req.valid('query')
      const content = await versions.content(document, version)
      const label =
        version === liveVersion
          ? 'current text'
          : (await versions.get(document, version)).version.name
      const name = `${fileName(document.title)}.${format}`
      c.header('Content-Disposition', `attachment; filename="${name}"`)
      if (format === 'html') {
        c.header('Content-Security-Policy', exportPagePolicy)
        const subtitle = `${label} · exported ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`
        return c.body(toHtmlPage(document.title, subtitle, content), 200, {
          'Content-Type': 'text/html; charset=utf-8',
        })
      }
      if (format === 'json') {
        return c.json(
          { document, version, content: content as unknown as Record<string, unknown> },
          200,
        )
      }
      return c.body(toMarkdown(content), 200, { 'Content-Type': 'text/markdown; charset=utf-8' })
    },
  )

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/documents/{documentId}/activity',
      tags,
      summary: 'Who edited the text and when, as editing sessions, and updates by group',
      security: bearerSecurity,
      request: { params: DocumentParams },
      responses: {
        200: jsonContent(
          z.object({
            sessions: z.array(EditingSession),
            byGroup: z.record(z.string(), z.number()),
          }),
          'Activity',
        ),
        ...authErrors,
      },
    }),
    async (c) => {
      const [document] = await documentAndActor(c, c.req.valid('param').documentId)
      const sessions = await versions.activity(document)
      const byGroup: Record<string, number> = {}
      for (const session of sessions)
        byGroup[session.group] = (byGroup[session.group] ?? 0) + session.updates
      return c.json({ sessions, byGroup }, 200)
    },
  )
}
