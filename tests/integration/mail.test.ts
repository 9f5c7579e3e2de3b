import { randomBytes } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { MailSettings } from '../../shared/src/schema/mail.js'
import type { NotificationList } from '../../shared/src/schema/notification.js'
import { addReply } from '../../shared/src/ydoc/comments.js'
import { connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { entry, openThread } from '../helpers/comment-threads.js'
import { type MailSink, type ReceivedMail, startMailSink } from '../helpers/mail-sink.js'
import type { Person } from '../helpers/mediation.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

const adminToken = 'mail-test-admin-token-0123456789'

/** A link of `path` in a mail's plain text. */
const linkIn = (mail: ReceivedMail, path: string): string => {
  const found = new RegExp(`https?://[^\\s>]+${path}\\?token=[A-Za-z0-9_.-]+`).exec(mail.text)?.[0]
  if (!found) throw new Error(`no ${path} link in:\n${mail.text}`)
  return found
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
})

describe('e-mail notifications', () => {
  let sink: MailSink
  let server: TestServer
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
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server.stop()
    await sink.stop()
    await removeDataDirs()
  })

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

  it('no_address: no choices before an address; verifies an address by its link, once; bad, unknown and reused links are refused with their reason', async () => {
    const site = await Site.open(server, 'Bandung Mobility', adminToken)
    const ayu = await site.join('stakeholder', 'Ayu')
    expect(await settings(site, ayu)).toMatchObject({
      enabled: true,
      address: null,
      verified: false,
      choices: { mention: 'immediate', signature_needed: 'immediate', reply: 'digest' },
    })
    // Not an address, an unknown field: 400, nothing stored.
    await setAddress(site, ayu, 'not an address', 400)
    await api(server, 'PUT', `${mailPath(site)}/address`, {
      token: ayu.token,
      body: { address: 'ayu@example.org', cc: 'x@example.org' },
      expect: 400,
    })
    await choose(site, ayu, { mention: 'digest' }, 409)
    expect((await settings(site, ayu)).address).toBeNull()

    const address = newAddress('ayu')
    expect(await setAddress(site, ayu, address)).toMatchObject({ address, verified: false })
    const mail = await waitForMail(address)
    expect(mail.subject).toBe('Confirm your e-mail address for Bandung Mobility')
    expect(mail.html).toContain('Confirm this address')
    const link = linkIn(mail, '/mail/verify')
    // Opening the link only asks (a mail scanner that fetches it confirms nothing).
    const page = await fetch(link)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(address)
    expect((await settings(site, ayu)).verified).toBe(false)
    const token = new URL(link).searchParams.get('token') ?? ''
    const confirmed = await fetch(`${server.httpUrl}/mail/verify`, form({ token }))
    expect(confirmed.status).toBe(200)
    expect(await confirmed.text()).toContain('Your address is confirmed')
    expect((await settings(site, ayu)).verified).toBe(true)

    const refusal = async (fields: Record<string, string>, status: number, reason: string) => {
      const answer = await fetch(`${server.httpUrl}/mail/verify`, form(fields))
      expect(answer.status).toBe(status)
      expect(await answer.text()).toContain(`data-refusal="${reason}"`)
    }
    await refusal({ token }, 410, 'used')
    await refusal({ token: 'short' }, 400, 'bad_request')
    await refusal({ token: randomBytes(32).toString('base64url') }, 404, 'not_found')
    // In the reader's language when the link tells no workspace.
    const unknownId = await fetch(`${server.httpUrl}/mail/verify?token=${'x'.repeat(43)}`, {
      headers: { 'accept-language': 'id-ID,id;q=0.9' },
    })
    expect(unknownId.status).toBe(404)
    expect(await unknownId.text()).toContain('Tautan ini tidak dikenal')

    // A changed address is unverified again, and the old link is dead.
    const changed = newAddress('ayu-new')
    expect(await setAddress(site, ayu, changed)).toMatchObject({ verified: false })
    await refusal({ token }, 404, 'not_found')
    await waitForMail(changed)
  })

  it('links to this server whatever Host a request names: a forged Host cannot point a mail sent to someone else at another site', async () => {
    const site = await Site.open(server, 'Host Header', adminToken)
    const mallory = await site.join('observer', 'Mallory')
    // Mallory gives a victim's address as their own, naming their site as the Host.
    const victim = newAddress('victim')
    const forged = await new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({ address: victim })
      const request = httpRequest(
        `${server.httpUrl}${mailPath(site)}/address`,
        {
          method: 'PUT',
          headers: {
            host: 'evil.example',
            authorization: `Bearer ${mallory.token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (answer) => {
          answer.resume()
          resolve(answer.statusCode ?? 0)
        },
      )
      request.once('error', reject)
      request.end(body)
    })
    expect(forged).toBe(200)
    const link = linkIn(await waitForMail(victim), '/mail/verify')
    expect(new URL(link).origin).toBe(server.httpUrl)
    // The honest request links to the same place.
    const honest = newAddress('honest')
    await setAddress(site, await site.join('observer', 'Honest'), honest)
    expect(new URL(linkIn(await waitForMail(honest), '/mail/verify')).origin).toBe(server.httpUrl)
  })

  it('rate_limited: one client address cannot make the server mail address after address (no relay for strangers)', async () => {
    const limited = await startServer({
      env: {
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        MAIL_POLL_MS: '50',
        RATE_LIMIT_MAIL_ADDRESSES_PER_HOUR: '2',
      },
    })
    try {
      const site = await Site.open(limited)
      const path = `/api/workspaces/${site.workspaceId}/mail/address`
      const given = [newAddress('first'), newAddress('second'), newAddress('third')]
      // A refused address (not one) does not count.
      await api(limited, 'PUT', path, { token: site.token, body: { address: 'x' }, expect: 400 })
      for (const address of given.slice(0, 2)) {
        await api(limited, 'PUT', path, { token: site.token, body: { address } })
        await waitForMail(address)
      }
      const refused = await api<{ error: { code: string } }>(limited, 'PUT', path, {
        token: site.token,
        body: { address: given[2] },
        expect: 429,
      })
      expect(refused.error.code).toBe('rate_limited')
      const settings = await api<MailSettings>(limited, 'GET', path.replace(/\/address$/, ''), {
        token: site.token,
      })
      // Nothing stored for the third, so nothing queued for it (the mail goes with the address).
      expect(settings.address).toBe(given[1])
    } finally {
      await limited.stop()
    }
  })

  it('links to PUBLIC_URL as it is now: an address added before the server moved (or under a forged Host) links to the new address', async () => {
    const env = { SMTP_URL: `smtp://127.0.0.1:${sink.port}`, MAIL_POLL_MS: '50' }
    const before = await startServer({ env })
    const site = await Site.open(before)
    const ayu = await site.join('stakeholder', 'Ayu')
    const budi = await site.join('stakeholder', 'Budi')
    const address = newAddress('budi-moved')
    await api(before, 'PUT', `/api/workspaces/${site.workspaceId}/mail/address`, {
      token: budi.token,
      body: { address },
    })
    const link = linkIn(await waitForMail(address), '/mail/verify')
    const token = new URL(link).searchParams.get('token') ?? ''
    expect((await fetch(`${before.httpUrl}/mail/verify`, form({ token }))).status).toBe(200)
    await before.stop()
    const moved = await startServer({
      env: { ...env, PUBLIC_URL: 'http://mufakat.example/' },
      dataDir: before.dataDir,
    })
    try {
      const plan = await site.on(moved).document('Moved plan')
      const client = connectClient(moved, plan.commentsRoom, { params: { token: ayu.token } })
      await waitForSynced(client)
      openThread(client.doc, 't1', ayu, '@Budi: the depot?')
      const mail = await waitForMail(address, 2)
      expect(mail.text).toContain(`http://mufakat.example/w/${site.workspaceId}/d/${plan.id}`)
      expect(mail.text).not.toContain(before.httpUrl)
      expect(mail.headers['list-unsubscribe']).toMatch(/^<http:\/\/mufakat\.example\/mail\//)
    } finally {
      await moved.stop()
    }
  })

  it('mail_off: says e-mail is off without SMTP_URL and takes no address; refuses an expired link', async () => {
    // Started together: one whose links expire at once, one without SMTP_URL.
    const [quick, off] = await Promise.all([
      startServer({
        env: {
          SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
          MAIL_VERIFY_TTL_MS: '1',
          MAIL_POLL_MS: '50',
        },
      }),
      startServer(),
    ])
    try {
      const site = await Site.open(quick)
      const address = newAddress('late')
      await api(quick, 'PUT', `/api/workspaces/${site.workspaceId}/mail/address`, {
        token: site.token,
        body: { address },
      })
      const token = new URL(linkIn(await waitForMail(address), '/mail/verify')).searchParams.get(
        'token',
      )
      const answer = await fetch(`${quick.httpUrl}/mail/verify`, form({ token: token ?? '' }))
      expect(answer.status).toBe(410)
      expect(await answer.text()).toContain('data-refusal="expired"')

      const offSite = await Site.open(off)
      const offPath = `/api/workspaces/${offSite.workspaceId}/mail`
      expect(await api<MailSettings>(off, 'GET', offPath, { token: offSite.token })).toMatchObject({
        enabled: false,
        address: null,
      })
      const refused = await api<{ error: { code: string; details: { rule: string } } }>(
        off,
        'PUT',
        `${offPath}/address`,
        { token: offSite.token, body: { address: 'nobody@example.org' }, expect: 409 },
      )
      expect(refused.error).toMatchObject({ code: 'conflict', details: { rule: 'mail_off' } })
    } finally {
      await quick.stop()
      await off.stop()
    }
  })

  for (const language of ['en', 'id'] as const) {
    it(`mails a mention at once in the workspace's language (${language}), in plain text and HTML with what was written escaped, and nothing to an unverified address`, async () => {
      const site = await Site.open(server, `Kota <Hijau> ${language}`, adminToken)
      await api(server, 'PATCH', `/api/workspaces/${site.workspaceId}`, {
        token: site.token,
        body: { language },
      })
      const ayu = await site.join('stakeholder', 'Ayu')
      const budi = await site.join('stakeholder', 'Budi')
      const citra = await site.join('stakeholder', 'Citra')
      const budiAddress = newAddress('budi')
      await verified(site, budi, budiAddress)
      // Citra adds an address but never follows the link.
      const citraAddress = newAddress('citra')
      await setAddress(site, citra, citraAddress)
      await waitForMail(citraAddress)

      const { client, plan } = await comments(site, ayu)
      openThread(client.doc, 't1', ayu, '@Budi and @Citra: <b>is</b> the depot & "bus" ok?')
      const mail = await waitForMail(budiAddress, 2)
      const said = language === 'en' ? 'Ayu mentioned you' : 'Ayu menyebut Anda'
      expect(mail.subject).toBe(`Kota <Hijau> ${language}: ${said}`)
      expect(mail.text).toContain('<b>is</b> the depot & "bus" ok?')
      expect(mail.html).toContain('&lt;b&gt;is&lt;/b&gt; the depot &amp; &quot;bus&quot; ok?')
      expect(mail.html).not.toContain('<b>is</b>')
      expect(mail.html).toContain(`<html lang="${language}">`)
      expect(mail.text).toContain(`${server.httpUrl}/w/${site.workspaceId}/d/${plan.id}`)
      expect(mail.headers['list-unsubscribe']).toMatch(
        /^<http:\/\/.+\/mail\/unsubscribe\?token=.+>$/,
      )
      expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click')
      expect(mail.headers.from).toContain('mufakat@example.org')
      // Citra was told in the app, and by mail only of her link.
      await waitFor(async () => {
        const list = await api<NotificationList>(
          server,
          'GET',
          `/api/workspaces/${site.workspaceId}/notifications`,
          { token: citra.token },
        )
        return list.notifications.some((n) => n.kind === 'mention')
      }, 'Citra told in the app')
      await barrier(site)
      expect(sink.to(citraAddress)).toHaveLength(1)
    })
  }

  it('gathers the unread items since the last digest into one mail, when the operator asks', async () => {
    const site = await Site.open(server, 'Digest', adminToken)
    const ayu = await site.join('stakeholder', 'Ayu')
    const budi = await site.join('stakeholder', 'Budi')
    const ayuAddress = newAddress('ayu-digest')
    await verified(site, ayu, ayuAddress)
    const ayuComments = await comments(site, ayu)
    openThread(ayuComments.client.doc, 't1', ayu, 'Where does the depot go?')
    const budiComments = await comments(site, budi)
    await waitFor(() => budiComments.client.doc.getMap('threads').has('t1'), 'Budi sees t1')
    addReply(budiComments.client.doc, 't1', entry('t1-2', budi, 'North <of> the river'))
    addReply(budiComments.client.doc, 't1', entry('t1-3', budi, 'Or by the station'))
    const inbox = () =>
      api<NotificationList>(server, 'GET', `/api/workspaces/${site.workspaceId}/notifications`, {
        token: ayu.token,
      })
    await waitFor(async () => (await inbox()).unread === 2, 'two replies told to Ayu')

    const digest = (token = adminToken, expect = 200) =>
      api<{ sent: number }>(server, 'POST', '/api/mail/digest', { token, expect })
    await digest(site.token, 401)
    expect((await digest()).sent).toBeGreaterThanOrEqual(1)
    const mail = await waitForMail(ayuAddress, 2)
    expect(mail.subject).toBe('Digest: 2 new notifications')
    expect(mail.text).toContain('North <of> the river')
    expect(mail.text).toContain('Or by the station')
    expect(mail.html).toContain('North &lt;of&gt; the river')
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click')

    // Nothing new: no second digest. One more reply: the next digest holds it alone.
    await digest()
    addReply(budiComments.client.doc, 't1', entry('t1-4', budi, 'Decide on Friday'))
    await waitFor(async () => (await inbox()).unread === 3, 'a third reply told')
    await digest()
    const next = await waitForMail(ayuAddress, 3)
    expect(next.subject).toBe('Digest: 1 new notification')
    expect(next.text).toContain('Decide on Friday')
    expect(next.text).not.toContain('Or by the station')
  })

  it('unsubscribes by the link without signing in: one click stops that kind, the page stops all; a forged link changes nothing', async () => {
    const site = await Site.open(server, 'Unsubscribe', adminToken)
    const ayu = await site.join('stakeholder', 'Ayu')
    const budi = await site.join('stakeholder', 'Budi')
    const address = newAddress('budi-stop')
    await verified(site, budi, address)
    const { client } = await comments(site, ayu)
    openThread(client.doc, 't1', ayu, 'First, @Budi')
    const mail = await waitForMail(address, 2)
    const stop = /^<(.+)>$/.exec(mail.headers['list-unsubscribe'] ?? '')?.[1] ?? ''

    // Forged: Budi's link for another kind, with the mention's signature.
    const forged = stop.replace('.mention.', '.reply.')
    expect((await fetch(forged, form({ 'List-Unsubscribe': 'One-Click' }))).status).toBe(404)
    expect((await fetch(`${server.httpUrl}/mail/unsubscribe?token=a.b`)).status).toBe(400)
    expect((await settings(site, budi)).choices.reply).toBe('digest')

    // RFC 8058: the mail program posts, no cookie, no token of Budi's.
    const oneClick = await fetch(stop, form({ 'List-Unsubscribe': 'One-Click' }))
    expect(oneClick.status).toBe(200)
    expect(await oneClick.text()).toContain('no more mails about mentions of you')
    expect((await settings(site, budi)).choices).toMatchObject({
      mention: 'off',
      signature_needed: 'immediate',
    })
    openThread(client.doc, 't2', ayu, 'Second, @Budi')
    await barrier(site)
    expect(sink.to(address)).toHaveLength(2)

    // The link in the text opens a page; its second button stops all mail.
    await choose(site, budi, { mention: 'immediate' })
    const page = await fetch(linkIn(mail, '/mail/unsubscribe'))
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Stop all mail from this workspace')
    await fetch(linkIn(mail, '/mail/unsubscribe'), form({ scope: 'all' }))
    expect(Object.values((await settings(site, budi)).choices)).toEqual(Array(7).fill('off'))
    openThread(client.doc, 't3', ayu, 'Third, @Budi')
    await barrier(site)
    expect(sink.to(address)).toHaveLength(2)
  })

  it('retries while the SMTP server is down and delivers once when it is back', async () => {
    const site = await Site.open(server, 'Outage', adminToken)
    const ayu = await site.join('stakeholder', 'Ayu')
    const address = newAddress('outage')
    await sink.stop()
    const tried = server.output.filter((line) => line.includes('mail not sent')).length
    try {
      await setAddress(site, ayu, address)
      await waitFor(
        () => server.output.filter((line) => line.includes('mail not sent')).length >= tried + 2,
        'two failed attempts logged',
      )
    } finally {
      await sink.start()
    }
    await waitForMail(address)
    await barrier(site)
    expect(sink.to(address)).toHaveLength(1)
    expect(server.output.join('\n')).not.toContain(address)
  })

  it('keeps a mail the SMTP server did not take across a restart, and sends it once after', async () => {
    const env = {
      SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
      MAIL_RETRY_BASE_MS: '100',
      MAIL_POLL_MS: '50',
      MAIL_TIMEOUT_MS: '2000',
    }
    let first = await startServer({ env })
    const address = newAddress('restart')
    await sink.stop()
    try {
      const site = await Site.open(first)
      await api(first, 'PUT', `/api/workspaces/${site.workspaceId}/mail/address`, {
        token: site.token,
        body: { address },
      })
      await waitFor(
        () => first.output.some((line) => line.includes('mail not sent')),
        'a failed attempt logged',
      )
      await first.stop()
    } finally {
      await sink.start()
    }
    first = await startServer({ env, dataDir: first.dataDir })
    try {
      await waitForMail(address)
      await waitFor(
        () => first.output.some((line) => line.includes('"mail sent"')),
        'the attempt logged as sent',
      )
      // One more mail through the same server: the first one was not sent twice meanwhile.
      const again = await Site.open(first, 'After the restart')
      const marker = newAddress('after-restart')
      await api(first, 'PUT', `/api/workspaces/${again.workspaceId}/mail/address`, {
        token: again.token,
        body: { address: marker },
      })
      await waitForMail(marker)
      expect(sink.to(address)).toHaveLength(1)
    } finally {
      await first.stop()
    }
  })

  it('keeps an address from other members and exports, and deletes it with its person', async () => {
    const site = await Site.open(server, 'Privacy', adminToken)
    const ayu = await site.join('stakeholder', 'Ayu')
    const address = newAddress('private')
    await verified(site, ayu, address)
    const exported = await fetch(`${server.httpUrl}/api/workspaces/${site.workspaceId}/export`, {
      headers: { authorization: `Bearer ${site.token}` },
    })
    expect(await exported.text()).not.toContain(address)
    const people = await fetch(
      `${server.httpUrl}/api/workspaces/${site.workspaceId}/participants`,
      {
        headers: { authorization: `Bearer ${site.token}` },
      },
    )
    expect(await people.text()).not.toContain(address)
    // The facilitator's own settings are theirs: Ayu's address is not in them.
    expect(
      (await settings(site, { participant: site.created.participant, token: site.token })).address,
    ).toBeNull()

    const stop = linkIn(await waitForMail(address), '/mail/verify')
    await api(
      server,
      'DELETE',
      `/api/workspaces/${site.workspaceId}/participants/${ayu.participant.id}`,
      {
        token: site.token,
      },
    )
    // The address is gone: its links are not known any more.
    expect((await fetch(stop)).status).toBe(404)
  })
})
