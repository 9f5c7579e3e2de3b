/**
 * A browser without a page, for sign-in at the tests' identity provider: a cookie jar (names and
 * values; like a browser, one host's ports share it), requests whose redirects are followed one
 * by one, and the provider's development login form filled in.
 */
export class CookieJar {
  readonly #cookies = new Map<string, string>()

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join('; ')
  }

  keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const at = pair.indexOf('=')
      const name = pair.slice(0, at).trim()
      const value = pair.slice(at + 1).trim()
      const gone = attributes.some((attribute) => {
        const [key = '', setting = ''] = attribute.trim().split('=')
        if (key.toLowerCase() === 'max-age') return Number(setting) <= 0
        if (key.toLowerCase() === 'expires') return Date.parse(setting) <= Date.now()
        return false
      })
      if (gone || value === '') this.#cookies.delete(name)
      else this.#cookies.set(name, value)
    }
  }

  has(name: string): boolean {
    return this.#cookies.has(name)
  }

  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.header() },
    })
    this.keep(response)
    return response
  }
}

const locationOf = (response: Response, from: string | URL): URL => {
  const location = response.headers.get('location')
  if (!location) throw new Error(`no redirect from ${String(from)} (${response.status})`)
  return new URL(location, from)
}

/**
 * Follows the provider's pages from `authorizationUrl` until it sends the browser to a URL that
 * starts with `callbackPrefix`, and answers that URL unopened (a test may open it, change it, or
 * open it twice). `login` signs in as that account; `deny` presses the form's cancel instead.
 */
export const signInAtProvider = async (
  jar: CookieJar,
  authorizationUrl: string,
  callbackPrefix: string,
  action: { login: string } | 'deny',
): Promise<URL> => {
  let url = new URL(authorizationUrl)
  for (let step = 0; step < 12; step++) {
    if (url.href.startsWith(callbackPrefix)) return url
    const response = await jar.fetch(url)
    if (response.status >= 300 && response.status < 400) {
      url = locationOf(response, url)
      continue
    }
    const page = await response.text()
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1]
    if (response.status !== 200 || !prompt) {
      throw new Error(`the provider answered ${response.status}: ${page.slice(0, 300)}`)
    }
    if (action === 'deny') {
      url = new URL(`${url.pathname.replace(/\/$/, '')}/abort`, url)
      continue
    }
    const form =
      prompt === 'login'
        ? new URLSearchParams({ prompt, login: action.login, password: 'any' })
        : new URLSearchParams({ prompt })
    const submitted = await jar.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    })
    url = locationOf(submitted, url)
  }
  throw new Error('the provider never sent the browser back')
}

/** Opens the callback URL; answers where Mufakat then sends the browser. */
export const openCallback = async (jar: CookieJar, callback: URL): Promise<URL> =>
  locationOf(await jar.fetch(callback), callback)
