import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { EntityId } from '../../../../shared/src/schema/mediation.js'
import {
  CheckpointsQuery,
  ConsistencyProof,
  ConsistencyQuery,
  EntriesQuery,
  InclusionProof,
  InclusionQuery,
  LogCheckpoints,
  LogEntries,
  maxCheckpointsPerPage,
  maxEntriesPerPage,
} from '../../../../shared/src/schema/transparency-log.js'
import { DomainError } from '../../domain/domain-error.js'
import { type ApiServices, authErrors, bearerSecurity, jsonContent } from '../api-context.js'
import { requestToken } from '../credentials.js'

/** Which log a request reads, and whether its entries may be shown to this caller. */
interface LogAccess {
  workspaceId: string
  entriesShown: boolean
}

/** One way in to the logs: members by workspace id, anyone by a publication's public id. */
interface LogScope {
  base: string
  tag: string
  params: z.ZodObject
  security: typeof bearerSecurity | undefined
  open(c: Context): Promise<LogAccess>
}

const textContent = (description: string) => ({
  content: { 'text/plain': { schema: z.string() } },
  description,
})

/**
 * The transparency log's read endpoints (C2SP checkpoint and verifier key as text, entries and
 * RFC 9162 proofs as JSON), once for members and once, for a published record, for anyone.
 */
export const registerLogRoutes = (api: OpenAPIHono, services: ApiServices): void => {
  const { access, log, publicRecord } = services
  const scopes: LogScope[] = [
    {
      base: '/api/workspaces/{id}/log',
      tag: 'a member',
      params: z.object({ id: EntityId }),
      security: bearerSecurity,
      open: async (c) => {
        const id = c.req.param('id') as string
        await access.member(requestToken(c, id), id)
        return { workspaceId: id, entriesShown: true }
      },
    },
    {
      base: '/api/public/{publicId}/log',
      tag: 'anyone, once the record is published',
      params: z.object({ publicId: EntityId }),
      security: undefined,
      open: async (c) => {
        c.header('Access-Control-Allow-Origin', '*')
        return await publicRecord.publishedLog(c.req.param('publicId') as string)
      },
    },
  ]
  for (const scope of scopes) registerScope(api, scope, log)
}

const registerScope = (api: OpenAPIHono, scope: LogScope, log: ApiServices['log']): void => {
  const route = (path: string, summary: string, query: z.ZodObject | undefined, ok: object) =>
    createRoute({
      method: 'get',
      path: `${scope.base}${path}`,
      tags: ['transparency log'],
      summary: `${summary} (${scope.tag})`,
      ...(scope.security ? { security: scope.security } : {}),
      request: query ? { params: scope.params, query } : { params: scope.params },
      responses: { 200: ok, ...authErrors },
    })

  api.openapi(
    route(
      '/checkpoint',
      'The latest signed checkpoint: a C2SP signed note over origin, tree size and root hash',
      undefined,
      textContent('The signed note'),
    ),
    async (c) => c.text((await log.checkpoint((await scope.open(c)).workspaceId)).note, 200),
  )

  api.openapi(
    route(
      '/key',
      'The C2SP verifier key of the log: <origin>+<hex key ID>+<base64(0x01 ‖ Ed25519 key)>',
      undefined,
      textContent('The verifier key'),
    ),
    async (c) => c.text(await log.key((await scope.open(c)).workspaceId), 200),
  )

  api.openapi(
    route(
      '/entries',
      `Leaves [start, end): base64 of each record's RFC 8785 JSON; at most ${maxEntriesPerPage} per call`,
      EntriesQuery,
      jsonContent(LogEntries, 'The entries, in log order'),
    ),
    async (c) => {
      const opened = await scope.open(c)
      if (!opened.entriesShown) {
        throw new DomainError(
          'forbidden',
          'this record is published anonymised and some of its entries, written before people were named by commitment, name them: only its checkpoints and proofs are public',
        )
      }
      const { start, end } = EntriesQuery.parse(c.req.query())
      return c.json(await log.entries(opened.workspaceId, start, end), 200)
    },
  )

  api.openapi(
    route(
      '/proof/inclusion',
      'RFC 9162 inclusion proof of leaf `index` in the tree of `size` leaves',
      InclusionQuery,
      jsonContent(InclusionProof, 'The proof'),
    ),
    async (c) => {
      const { workspaceId } = await scope.open(c)
      const { index, size } = InclusionQuery.parse(c.req.query())
      return c.json(await log.inclusion(workspaceId, index, size), 200)
    },
  )

  api.openapi(
    route(
      '/proof/consistency',
      'RFC 9162 consistency proof from the tree of `from` leaves to the tree of `to`',
      ConsistencyQuery,
      jsonContent(ConsistencyProof, 'The proof'),
    ),
    async (c) => {
      const { workspaceId } = await scope.open(c)
      const { from, to } = ConsistencyQuery.parse(c.req.query())
      return c.json(await log.consistency(workspaceId, from, to), 200)
    },
  )

  api.openapi(
    route(
      '/checkpoints',
      `Every checkpoint signed, of \`from\` leaves or more, oldest first, at most ${maxCheckpointsPerPage} per call`,
      CheckpointsQuery,
      jsonContent(LogCheckpoints, 'Past checkpoints, for monitors to mirror'),
    ),
    async (c) => {
      const { workspaceId } = await scope.open(c)
      const { from } = CheckpointsQuery.parse(c.req.query())
      return c.json({ checkpoints: await log.checkpoints(workspaceId, from) }, 200)
    },
  )
}
