import type { Language } from '../../../../shared/src/schema/language.js'
import type { MailScope } from '../../../../shared/src/schema/mail.js'
import type { Notification } from '../../../../shared/src/schema/notification.js'
import type { MailMessage } from '../../../../shared/src/schema/stored.js'
import type { MailLinks } from './mail-links.js'
import { type MailWords, mailWordsEn } from './mail-words-en.js'
import { mailWordsId } from './mail-words-id.js'

const byLanguage: Record<Language, MailWords> = { en: mailWordsEn, id: mailWordsId }

/** The words of mails and mail pages in `language`. */
export const mailWords = (language: Language): MailWords => byLanguage[language]

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Text as HTML shows it: everything a member wrote passes through here. */
export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => entities[c] ?? c)

/** The workspace a mail comes from. */
export interface MailContext {
  workspaceName: string
  language: Language
}

type Item = Pick<Notification, 'kind' | 'actorName' | 'subject' | 'place'>

const sentence = (words: MailWords, item: Item): string =>
  words.told[item.kind](item.actorName ?? words.someone)

const page = (language: Language, body: string): string =>
  `<!doctype html><html lang="${language}"><head><meta charset="utf-8"></head><body>${body}</body></html>`

const link = (href: string, label: string): string =>
  `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`

/** The foot of every mail that tells something: why it came and how to stop it. */
const foot = (words: MailWords, context: MailContext, links: MailLinks, scope: MailScope) => {
  const stopOne = scope === 'all' ? undefined : words.stopKind(words.kinds[scope])
  const lines = [
    words.why(context.workspaceName),
    ...(stopOne ? [`${stopOne}: ${links.stop(scope)}`] : []),
    `${words.stopAll}: ${links.stop('all')}`,
  ]
  const html = `<hr><p><small>${escapeHtml(words.why(context.workspaceName))}<br>${
    stopOne ? `${link(links.stop(scope), stopOne)} · ` : ''
  }${link(links.stop('all'), words.stopAll)}</small></p>`
  return { text: `-- \n${lines.join('\n')}`, html }
}

/** RFC 8058: a mail program's own "unsubscribe" button posts to the link, one click. */
const unsubscribeHeaders = (links: MailLinks, scope: MailScope): Record<string, string> => ({
  'List-Unsubscribe': `<${links.stop(scope)}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
})

/** One notification, told at once. */
export const noticeMail = (context: MailContext, links: MailLinks, item: Item): MailMessage => {
  const words = mailWords(context.language)
  const headline = sentence(words, item)
  const href = links.place(item.place)
  const end = foot(words, context, links, item.kind)
  return {
    subject: `${context.workspaceName}: ${headline}`,
    text: `${headline}:\n\n“${item.subject}”\n\n${words.open}: ${href}\n\n${end.text}\n`,
    html: page(
      context.language,
      `<p>${escapeHtml(headline)}:</p><blockquote>${escapeHtml(item.subject)}</blockquote><p>${link(
        href,
        words.open,
      )}</p>${end.html}`,
    ),
    headers: unsubscribeHeaders(links, item.kind),
  }
}

/** The day's digest: what is unread since the last one, each with its link. */
export const digestMail = (
  context: MailContext,
  links: MailLinks,
  items: readonly Item[],
): MailMessage => {
  const words = mailWords(context.language)
  const end = foot(words, context, links, 'all')
  const lines = items.map(
    (item) => `- ${sentence(words, item)}: “${item.subject}”\n  ${links.place(item.place)}`,
  )
  const rows = items.map(
    (item) =>
      `<li>${escapeHtml(sentence(words, item))}: “${escapeHtml(item.subject)}” ${link(
        links.place(item.place),
        words.open,
      )}</li>`,
  )
  return {
    subject: words.digestSubject(context.workspaceName, items.length),
    text: `${words.digestIntro}\n\n${lines.join('\n')}\n\n${end.text}\n`,
    html: page(
      context.language,
      `<p>${escapeHtml(words.digestIntro)}</p><ul>${rows.join('')}</ul>${end.html}`,
    ),
    headers: unsubscribeHeaders(links, 'all'),
  }
}

/** The one mail an address gets before it is confirmed: the link that confirms it. */
export const verificationMail = (
  context: MailContext,
  confirmUrl: string,
  hours: number,
): MailMessage => {
  const words = mailWords(context.language)
  const intro = words.verifyIntro(context.workspaceName)
  const expiry = words.verifyExpiry(hours)
  return {
    subject: words.verifySubject(context.workspaceName),
    text: `${intro}\n\n${words.verifyAction}: ${confirmUrl}\n\n${expiry}\n`,
    html: page(
      context.language,
      `<p>${escapeHtml(intro)}</p><p>${link(confirmUrl, words.verifyAction)}</p><p>${escapeHtml(
        expiry,
      )}</p>`,
    ),
    headers: {},
  }
}
