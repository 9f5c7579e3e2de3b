import { Hono } from 'hono'
import { bearerAuth } from 'hono/bearer-auth'
import { HTTPException } from 'hono/http-exception'
import { secureHeaders } from 'hono/secure-headers'
import type { Registry } from 'prom-client'
import type { ErrorBody } from '../../../shared/src/errors.js'
import { DomainError } from '../domain/domain-error.js'
import { LimitUnavailable } from '../limits/ports.js'
import { type Logger, redactUrl } from '../observability/logger.js'
import { createApi } from './api.js'
import type { ApiServices } from './api-context.js'
import { serveClient } from './client-files.js'
import { registerMailPages } from './mail-pages.js'

export interface HttpAppOptions {
  logger: Logger
  metrics: Registry
  /** When set, `/metrics` answers only `Authorization: Bearer <metricsToken>`. */
  metricsToken: string | undefined
  /** The built client (Vite's output); see client-files.ts for how it is served. */
  clientDir: string
  health: () => { roomsLoaded: number }
  /** Whether an error means the database cannot be reached for now (answered 503, not 500). */
  storageUnavailable: (error: unknown) => boolean
  api: ApiServices
}

/** How long a client is asked to wait before retrying during an outage of the database or Redis. */
const outageRetrySeconds = 5

const errorJson = (error: DomainError): ErrorBody => ({
  error: {
    code: error.code,
    message: error.message,
    ...(error.details === undefined ? {} : { details: error.details }),
  },
})

/** The HTTP side: health, metrics, the API and the built client. */
export const createHttpApp = (options: HttpAppOptions): Hono => {
  const app = new Hono()
  app.use(async (c, next) => {
    await next()
    options.logger.debug(
      { method: c.req.method, url: redactUrl(c.req.url), status: c.res.status },
      'request',
    )
  })
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
      },
      referrerPolicy: 'no-referrer',
      xContentTypeOptions: 'nosniff',
      // A route may send a stricter policy of its own (exported pages: no script at all).
      overwrite: false,
    }),
  )

  app.get('/healthz', (c) => c.json({ status: 'ok', ...options.health() }))
  if (options.metricsToken) app.use('/metrics', bearerAuth({ token: options.metricsToken }))
  app.get('/metrics', async (c) => {
    c.header('Content-Type', options.metrics.contentType)
    return c.body(await options.metrics.metrics())
  })
  app.route('/', createApi(options.api))
  app.all('/api/*', () => {
    throw new DomainError('not_found', 'no such API route')
  })

  registerMailPages(app, options.api.mail.addresses)
  serveClient(app, options.clientDir)

  app.notFound((c) => c.json(errorJson(new DomainError('not_found', 'not found')), 404))
  // The one place where errors become HTTP answers.
  app.onError((error, c) => {
    if (error instanceof DomainError) return c.json(errorJson(error), error.status)
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own refusals, e.g. a body that is not JSON.
      const refusal = new DomainError(
        error.status === 401 ? 'unauthorized' : 'bad_request',
        error.message,
      )
      return c.json(errorJson(refusal), refusal.status)
    }
    if (error instanceof LimitUnavailable || options.storageUnavailable(error)) {
      // Nothing is wrong with the request: the same one succeeds once the outage is over.
      options.logger.warn({ err: error, path: redactUrl(c.req.path) }, 'request refused: outage')
      c.header('Retry-After', String(outageRetrySeconds))
      const outage = new DomainError(
        'unavailable',
        'the server cannot reach its storage for now; try again shortly',
        { retryAfterSeconds: outageRetrySeconds },
      )
      return c.json(errorJson(outage), outage.status)
    }
    options.logger.error({ err: error, path: redactUrl(c.req.path) }, 'request failed')
    return c.json(errorJson(new DomainError('internal', 'internal error')), 500)
  })
  return app
}
