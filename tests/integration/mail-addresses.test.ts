import { randomBytes } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { describe, expect, it } from 'vitest'
import type { MailSettings } from '../../shared/src/schema/mail.js'
import { connectClient, waitForSynced } from '../helpers/clients.js'
import { openThread } from '../helpers/comment-threads.js'
import type { MailSink } from '../helpers/mail-sink.js'
import { adminToken, form, linkIn, type MailSuite, withMailServer } from '../helpers/mail-suite.js'
import { startServer, type TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'

let server: TestServer
let sink: MailSink
let mailPath: MailSuite['mailPath']
let settings: MailSuite['settings']
let setAddress: MailSuite['setAddress']
let choose: MailSuite['choose']
let newAddress: MailSuite['newAddress']
let waitForMail: MailSuite['waitForMail']

withMailServer((suite) => {
  ;({ server, sink, mailPath, settings, setAddress, choose, newAddress, waitForMail } = suite)
})

/** Addresses and the links mails carry: verified once, pointing at this server, rate limited. */
describe('e-mail addresses and links', () => {
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
})
