import { randomBytes } from 'node:crypto'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import type { MailSettings } from '../../shared/src/schema/mail.js'
import { connectClient, destroyClients, waitForSynced } from './clients.js'
import { type MailSink, type ReceivedMail, startMailSink } from './mail-sink.js'
import type { Person } from './mediation.js'
import { removeDataDirs, startServer, type TestServer } from './server.js'
import { api, type Site } from './site.js'
import { waitFor } from './wait.js'

export const adminToken = 'mail-test-admin-token-0123456789'

/** A link of `path` in a mail's plain text. */
export const linkIn = (mail: ReceivedMail, path: string): string => {
  const found = new RegExp(`https?://[^\\s>]+${path}\\?token=[A-Za-z0-9_.-]+`).exec(mail.text)?.[0]
  if (!found) throw new Error(`no ${path} link in:\n${mail.text}`)
  return found
}

/** A form as a mail's page posts it. */
export const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

/**
 * A server that mails through a sink of the test's own (retrying fast), and what the mail tests
 * do with it: started before a file's tests, stopped after them; `started` receives it.
 */
export const withMailServer = (started: (suite: ReturnType<typeof mailSuite>) => void): void => {
  let sink: MailSink | undefined
  let server: TestServer | undefined
  beforeAll(async () => {
    sink = await startMailSink()
    server = await startServer({
      env: {
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        MAIL_FROM: 'Mufakat <mufakat@example.org>',
        MAIL_RETRY_BASE_MS: '100',
        MAIL_POLL_MS: '50',
        MAIL_TIMEOUT_MS: '2000',
        ADMIN_TOKEN: adminToken,
      },
    })
    started(mailSuite(server, sink))
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server?.stop()
    await sink?.stop()
    await removeDataDirs()
  })
}

export type MailSuite = ReturnType<typeof mailSuite>

const mailSuite = (server: TestServer, sink: MailSink) => {
  const mailPath = (site: Site) => `/api/workspaces/${site.workspaceId}/mail`
  const settings = (site: Site, person: Person) =>
    api<MailSettings>(server, 'GET', mailPath(site), { token: person.token })
  const setAddress = (site: Site, person: Person, address: string, expect = 200) =>
    api<MailSettings>(server, 'PUT', `${mailPath(site)}/address`, {
      token: person.token,
      body: { address },
      expect,
    })
  const choose = (site: Site, person: Person, choices: object, expect = 200) =>
    api<MailSettings>(server, 'PUT', `${mailPath(site)}/choices`, {
      token: person.token,
      body: { choices },
      expect,
    })
  const newAddress = (name: string) => `${name}-${randomBytes(4).toString('hex')}@example.org`
  const waitForMail = async (address: string, count = 1): Promise<ReceivedMail> => {
    await waitFor(() => sink.to(address).length >= count, `mail number ${count} to ${address}`)
    return sink.to(address)[count - 1] as ReceivedMail
  }
  /** Adds and verifies `address` for `person`, as they would by following the mail's link. */
  const verified = async (site: Site, person: Person, address: string): Promise<void> => {
    const before = sink.to(address).length
    await setAddress(site, person, address)
    const link = linkIn(await waitForMail(address, before + 1), '/mail/verify')
    const token = new URL(link).searchParams.get('token') ?? ''
    const answer = await fetch(`${server.httpUrl}/mail/verify`, form({ token }))
    expect(answer.status).toBe(200)
  }
  /**
   * A barrier: someone new asks for a verification mail and it arrives. Mail goes out one by
   * one in the order it fell due, so whatever was queued before has been sent by then.
   */
  const barrier = async (site: Site): Promise<void> => {
    const someone = await site.join('observer', `Barrier ${randomBytes(3).toString('hex')}`)
    const address = newAddress('barrier')
    await setAddress(site, someone, address)
    await waitForMail(address)
  }
  const comments = async (site: Site, person: Person) => {
    const plan = await site.document('Rencana')
    const client = connectClient(server, plan.commentsRoom, { params: { token: person.token } })
    await waitForSynced(client)
    return { client, plan }
  }
  return {
    server,
    sink,
    mailPath,
    settings,
    setAddress,
    choose,
    newAddress,
    waitForMail,
    verified,
    barrier,
    comments,
  }
}
