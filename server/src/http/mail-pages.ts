import type { Context, Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { html, raw } from 'hono/html'
import type { Language } from '../../../shared/src/schema/language.js'
import { MailLinkToken } from '../../../shared/src/schema/mail.js'
import { DomainError } from '../domain/domain-error.js'
import type { MailAddresses } from '../domain/mail/mail-addresses.js'
import { mailWords } from '../domain/mail/mail-render.js'
import type { MailWords } from '../domain/mail/mail-words-en.js'

type Refusal = keyof MailWords['refused']

/** Without a workspace to go by (a link not known), the reader's browser's language. */
const readerLanguage = (c: Context): Language =>
  /^\s*id\b/i.test(c.req.header('accept-language') ?? '') ? 'id' : 'en'

/** The app's colours and type, inline: the page loads nothing else (see pagePolicy). */
const pageStyle = `:root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1f2933;background:#f5f7fa;line-height:1.5}
body{margin:0;padding:2rem 1rem}
main{max-width:32rem;margin:0 auto;background:#fff;border:1px solid #d9e2ec;border-radius:8px;padding:1.5rem;box-shadow:0 1px 2px rgb(16 24 40/6%),0 1px 3px rgb(16 24 40/10%)}
.brand{margin:0 0 1rem;color:#52606d;font-weight:600;letter-spacing:.02em}
h1{font-size:1.4rem;line-height:1.25;margin:0 0 .75rem}
form{margin:1rem 0 0}
button{font:inherit;font-weight:600;color:#fff;background:#1e3a5f;border:0;border-radius:8px;padding:.6rem 1.1rem;cursor:pointer;min-height:44px}
button:hover{background:#142a45}
button:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
[data-refusal]{color:#b42318}
[role=status]{color:#166534;font-weight:600}`

/** Nothing but the page's own style; forms post back here; no frames, no scripts. */
const pagePolicy =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

const pageOf = (language: Language, title: string, body: unknown) =>
  html`<!doctype html>
<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${raw(pageStyle)}</style></head>
<body><main><p class="brand">Mufakat</p><h1>${title}</h1>${body}</main></body></html>`

/** A refused link as a page: what is wrong in the reader's words, with the error's status. */
const refused = (c: Context, error: unknown, title: (words: MailWords) => string) => {
  if (!(error instanceof DomainError)) throw error
  const language = readerLanguage(c)
  const words = mailWords(language)
  const details = error.details as { reason?: string } | undefined
  const reason: Refusal =
    details?.reason === 'expired' || details?.reason === 'used'
      ? details.reason
      : error.code === 'bad_request'
        ? 'bad_request'
        : 'not_found'
  c.status(error.status)
  return c.html(
    pageOf(language, title(words), html`<p data-refusal="${reason}">${words.refused[reason]}</p>`),
  )
}

const tokenOf = (value: unknown): string => {
  const parsed = MailLinkToken.safeParse(value)
  if (!parsed.success) throw new DomainError('bad_request', 'not a link from a mail')
  return parsed.data
}

/**
 * The pages a mail's links open, without signing in (no script; forms post to themselves).
 * Opening a link changes nothing, so a mail scanner that fetches every link confirms or stops
 * nothing; the button does, and a mail program's own unsubscribe (RFC 8058) posts directly.
 */
export const registerMailPages = (app: Hono, addresses: MailAddresses): void => {
  app.use('/mail/*', bodyLimit({ maxSize: 4096 }))
  app.use('/mail/*', async (c, next) => {
    await next()
    c.header('Content-Security-Policy', pagePolicy)
  })

  const verifyTitle = (words: MailWords) => words.page.verifyTitle
  app.get('/mail/verify', async (c) => {
    try {
      const token = tokenOf(c.req.query('token'))
      const { context, address } = await addresses.pendingVerification(token)
      const words = mailWords(context.language)
      return c.html(
        pageOf(
          context.language,
          words.page.verifyTitle,
          html`<p>${words.page.verifyAsk(address)}</p>
<form method="post" action="/mail/verify"><input type="hidden" name="token" value="${token}"><button type="submit">${words.verifyAction}</button></form>`,
        ),
      )
    } catch (error) {
      return refused(c, error, verifyTitle)
    }
  })
  app.post('/mail/verify', async (c) => {
    try {
      const form = await c.req.parseBody()
      const { context } = await addresses.verify(tokenOf(form.token))
      const words = mailWords(context.language)
      return c.html(
        pageOf(
          context.language,
          words.page.verifyTitle,
          html`<p role="status">${words.page.verified}</p>`,
        ),
      )
    } catch (error) {
      return refused(c, error, verifyTitle)
    }
  })

  const unsubscribeTitle = (words: MailWords) => words.page.unsubscribeTitle
  app.get('/mail/unsubscribe', async (c) => {
    try {
      const token = tokenOf(c.req.query('token'))
      const { context, scope } = await addresses.unsubscribeTarget(token)
      const words = mailWords(context.language)
      const action = `/mail/unsubscribe?token=${token}`
      const kind = scope === 'all' ? undefined : words.kinds[scope]
      return c.html(
        pageOf(
          context.language,
          words.page.unsubscribeTitle,
          html`${kind ? html`<p>${words.page.unsubscribeAsk(kind)}</p><form method="post" action="${action}"><button type="submit">${words.stopKind(kind)}</button></form>` : ''}
<form method="post" action="${action}"><input type="hidden" name="scope" value="all"><button type="submit">${words.stopAll}</button></form>`,
        ),
      )
    } catch (error) {
      return refused(c, error, unsubscribeTitle)
    }
  })
  app.post('/mail/unsubscribe', async (c) => {
    try {
      const token = tokenOf(c.req.query('token'))
      // RFC 8058 posts `List-Unsubscribe=One-Click`: what the token names. The page's second
      // button posts `scope=all`.
      const form = await c.req.parseBody()
      const done = await addresses.unsubscribe(token, form.scope === 'all')
      const words = mailWords(done.context.language)
      const said =
        done.scope === 'all'
          ? words.page.stoppedAll
          : words.page.stoppedKind(words.kinds[done.scope])
      return c.html(
        pageOf(
          done.context.language,
          words.page.unsubscribeTitle,
          html`<p role="status">${said}</p><p>${words.page.settingsHint}</p>`,
        ),
      )
    } catch (error) {
      return refused(c, error, unsubscribeTitle)
    }
  })
}
