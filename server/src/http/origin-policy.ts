/** What a request tells about the page that sent it, as far as origin checks need. */
export interface RequestOrigin {
  origin: string | undefined
  /** `Sec-Fetch-Site`, which browsers send even where they leave `Origin` out. */
  fetchSite: string | undefined
  host: string | undefined
}

export interface OriginPolicy {
  /**
   * Whether a request may act with the browser's cookie: it comes from a page of this server
   * (its Host or PUBLIC_URL) or of an ALLOWED_ORIGINS entry, or from no browser page at all
   * (no `Origin` and no `Sec-Fetch-Site`: scripts and the official client on Node).
   */
  allows(request: RequestOrigin): boolean
}

const originOf = (url: string): string | undefined => {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}

/** One rule for the REST API (CSRF) and the sync sockets (cross-site WebSocket hijacking). */
export const createOriginPolicy = (options: {
  publicUrl: string | undefined
  allowedOrigins: readonly string[]
}): OriginPolicy => {
  // Over https (PUBLIC_URL), a page of the same host over plain http is another origin: whoever
  // can tamper with plain-http traffic could serve it.
  const scheme = options.publicUrl ? originOf(options.publicUrl)?.split('//')[0] : undefined
  const trusted = new Set(
    [options.publicUrl, ...options.allowedOrigins].flatMap((url) => {
      const origin = url ? originOf(url) : undefined
      return origin ? [origin] : []
    }),
  )
  return {
    allows: ({ origin, fetchSite, host }) => {
      if (origin === undefined) {
        // Only a browser sends Sec-Fetch-Site; without Origin it can still say "another site".
        return fetchSite === undefined || fetchSite === 'same-origin' || fetchSite === 'none'
      }
      // `null` (sandboxed frames, some redirects) parses to no origin and is refused.
      const parsed = originOf(origin)
      if (!parsed || parsed === 'null') return false
      if (trusted.has(parsed)) return true
      const url = new URL(parsed)
      return url.host === host && (scheme === undefined || url.protocol === scheme)
    },
  }
}
