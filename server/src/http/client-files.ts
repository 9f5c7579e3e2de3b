import { createHash } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { extname, join } from 'node:path'
import type { Context, Hono } from 'hono'
import { getMimeType } from 'hono/utils/mime'
import { DomainError } from '../domain/domain-error.js'

/**
 * Serves the built client. Vite names what it builds under /assets by content hash, so those
 * files never change under their name and are cached for a year; everything else (index.html,
 * the service worker) is revalidated on every use by its ETag. Compression is done at build time
 * (client/precompress.ts): here only the variant the browser accepts is chosen.
 */

const assetPrefix = '/assets/'
const immutable = 'public, max-age=31536000, immutable'

/** What the build writes beside a file, best first. */
const variants = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const

/** The codings an Accept-Encoding header allows (q=0 refuses one); `*` stands for any other. */
const acceptedEncodings = (header: string | undefined): Set<string> => {
  const accepted = new Set<string>()
  const refused = new Set<string>()
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase())
    if (!name) continue
    const q = params.find((param) => param.startsWith('q='))
    const weight = q === undefined ? 1 : Number(q.slice(2))
    ;(weight > 0 ? accepted : refused).add(name)
  }
  if (accepted.has('*')) {
    for (const { encoding } of variants) if (!refused.has(encoding)) accepted.add(encoding)
  }
  return accepted
}

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** Never served: dot-files and dot-folders (also `..`), and anything not a plain name. */
const isHidden = (segments: readonly string[]): boolean =>
  segments.some((segment) => segment.startsWith('.') || /[\\\0]/.test(segment))

/** Never served by name: source maps, and the compressed variants (chosen by Accept-Encoding). */
const unservedExtensions = new Set(['.map', '.br', '.gz'])

const notFound = (): never => {
  throw new DomainError('not_found', 'not found')
}

/** Answers with a file, in the best coding the browser accepts, with its caching headers. */
const sendFile = async (c: Context, file: string, cacheControl: string): Promise<Response> => {
  const accepted = acceptedEncodings(c.req.header('accept-encoding'))
  const variant = variants.find(
    ({ encoding, suffix }) => accepted.has(encoding) && isFile(file + suffix),
  )
  const bytes = await readFile(variant ? file + variant.suffix : file)
  c.header('Content-Type', getMimeType(file) ?? 'application/octet-stream')
  c.header('Cache-Control', cacheControl)
  c.header('Vary', 'Accept-Encoding')
  if (variant) c.header('Content-Encoding', variant.encoding)
  if (cacheControl !== immutable) {
    // A hash of the bytes sent: each coding has its own.
    const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`
    c.header('ETag', etag)
    const wanted = c.req.header('if-none-match')
    if (wanted?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      return c.body(null, 304)
    }
  }
  return c.body(bytes)
}

/**
 * GET routes for the client: its files, and index.html for every app route (a path without an
 * extension). A missing asset, a dot-file, a source map or any other unknown file is a 404, so a
 * stale or mistyped script URL never gets a page of HTML back.
 */
export const serveClient = (app: Hono, clientDir: string): void => {
  const indexFile = join(clientDir, 'index.html')
  app.get('/*', (c) => {
    let path: string
    try {
      path = decodeURIComponent(c.req.path)
    } catch {
      return notFound()
    }
    const segments = path.split('/').filter(Boolean)
    if (isHidden(segments) || unservedExtensions.has(extname(path))) return notFound()
    const file = join(clientDir, ...segments)
    if (isFile(file))
      return sendFile(c, file, path.startsWith(assetPrefix) ? immutable : 'no-cache')
    // Not a file: an app route if it has no extension and is not under /assets.
    if (path.startsWith(assetPrefix) || extname(path) !== '') return notFound()
    if (!existsSync(indexFile)) {
      throw new DomainError('not_found', 'the client is not built: run `npm run build`')
    }
    return sendFile(c, indexFile, 'no-cache')
  })
}
