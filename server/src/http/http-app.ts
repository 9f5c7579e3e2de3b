import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import type { Registry } from 'prom-client'
import type { ErrorBody } from '../../../shared/src/errors.js'
import type { Logger } from '../observability/logger.js'
import { ApiError } from './api-error.js'

export interface HttpAppOptions {
  logger: Logger
  metrics: Registry
  /** The built client (Vite's output); served with a fallback to index.html for app routes. */
  clientDir: string
  health: () => { roomsLoaded: number }
}

const errorJson = (error: ApiError): ErrorBody => ({
  error: {
    code: error.code,
    message: error.message,
    ...(error.details === undefined ? {} : { details: error.details }),
  },
})

/** The HTTP side: health, metrics, the API (later issues) and the built client. */
export const createHttpApp = (options: HttpAppOptions): Hono => {
  const app = new Hono()
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
    }),
  )

  app.get('/healthz', (c) => c.json({ status: 'ok', ...options.health() }))
  app.get('/metrics', async (c) => {
    c.header('Content-Type', options.metrics.contentType)
    return c.body(await options.metrics.metrics())
  })
  app.all('/api/*', () => {
    throw new ApiError('not_found', 'no such API route')
  })

  const root = relative(process.cwd(), options.clientDir) || '.'
  app.use('/*', serveStatic({ root }))
  const indexFile = join(options.clientDir, 'index.html')
  app.get('/*', (c) => {
    if (!existsSync(indexFile)) {
      throw new ApiError('not_found', 'the client is not built: run `npm run build`')
    }
    return c.html(readFileSync(indexFile, 'utf8'))
  })

  app.notFound(() => {
    throw new ApiError('not_found', 'not found')
  })
  app.onError((error, c) => {
    if (error instanceof ApiError) return c.json(errorJson(error), error.status)
    options.logger.error({ err: error, path: c.req.path }, 'request failed')
    return c.json(errorJson(new ApiError('internal', 'internal error')), 500)
  })
  return app
}
