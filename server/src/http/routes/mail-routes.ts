import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi'
import { timingSafeEqual } from 'hono/utils/buffer'
import {
  DigestRun,
  MailSettings,
  SetMailAddressBody,
  SetMailChoicesBody,
} from '../../../../shared/src/schema/mail.js'
import { DomainError } from '../../domain/domain-error.js'
import {
  type ApiServices,
  authErrors,
  bearerSecurity,
  conflictError,
  jsonContent,
  rateLimitedError,
} from '../api-context.js'
import { bearerToken, requestToken } from '../credentials.js'
import { rateLimit } from '../rate-limit.js'

const WorkspaceParams = z.object({ id: z.string().min(1).max(64) })
const tags = ['mail']

/**
 * The caller's own e-mail address and choices (nobody reads another's), and the operator's
 * "send the digests now". The links in the mails open the pages in mail-pages.ts.
 */
export const registerMailRoutes = (api: OpenAPIHono, services: ApiServices): void => {
  const { access, mail } = services

  api.openapi(
    createRoute({
      method: 'get',
      path: '/api/workspaces/{id}/mail',
      tags,
      summary: 'The caller’s e-mail settings: whether mail is on, their address, their choices',
      security: bearerSecurity,
      request: { params: WorkspaceParams },
      responses: { 200: jsonContent(MailSettings, 'Settings'), ...authErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      return c.json(await mail.addresses.settings(actor), 200)
    },
  )

  // Each address taken sends a mail to whoever it names: only addresses taken count.
  api.put(
    '/api/workspaces/:id/mail/address',
    rateLimit({
      windows: services.requestWindows,
      limit: services.limits.mailAddressesPerHour,
      windowMs: 3_600_000,
      what: 'e-mail addresses',
      counts: (status) => status === 200,
    }),
  )
  api.openapi(
    createRoute({
      method: 'put',
      path: '/api/workspaces/{id}/mail/address',
      tags,
      summary: 'Adds or changes the caller’s address and mails it a verification link',
      security: bearerSecurity,
      request: {
        params: WorkspaceParams,
        body: { ...jsonContent(SetMailAddressBody, 'The address'), required: true },
      },
      responses: {
        200: jsonContent(MailSettings, 'Settings, the address unverified'),
        ...authErrors,
        ...conflictError,
        ...rateLimitedError,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      return c.json(await mail.addresses.setAddress(actor, c.req.valid('json')), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/api/workspaces/{id}/mail/address',
      tags,
      summary: 'Removes the caller’s address and every mail queued for it',
      security: bearerSecurity,
      request: { params: WorkspaceParams },
      responses: { 200: jsonContent(MailSettings, 'Settings, no address'), ...authErrors },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      return c.json(await mail.addresses.removeAddress(actor), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'put',
      path: '/api/workspaces/{id}/mail/choices',
      tags,
      summary: 'Per kind of notification: off, immediate, or in the daily digest',
      security: bearerSecurity,
      request: {
        params: WorkspaceParams,
        body: { ...jsonContent(SetMailChoicesBody, 'The kinds to change'), required: true },
      },
      responses: {
        200: jsonContent(MailSettings, 'Settings'),
        ...authErrors,
        ...conflictError,
      },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const actor = await access.member(requestToken(c, id), id)
      return c.json(await mail.addresses.setChoices(actor, c.req.valid('json')), 200)
    },
  )

  api.openapi(
    createRoute({
      method: 'post',
      path: '/api/mail/digest',
      tags,
      summary: 'Operator: sends every digest now, whatever the hour (needs ADMIN_TOKEN)',
      security: bearerSecurity,
      responses: { 200: jsonContent(DigestRun, 'How many digests were queued'), ...authErrors },
    }),
    async (c) => {
      const presented = bearerToken(c.req.header('authorization'))
      if (!services.adminToken) {
        throw new DomainError('forbidden', 'set ADMIN_TOKEN to send digests by hand')
      }
      if (!presented || !(await timingSafeEqual(presented, services.adminToken))) {
        throw new DomainError('unauthorized', 'sending digests needs the admin token')
      }
      return c.json({ sent: await mail.digest.run(true) }, 200)
    },
  )
}
