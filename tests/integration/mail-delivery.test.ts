import { describe, expect, it } from 'vitest'
import type { NotificationList } from '../../shared/src/schema/notification.js'
import { addReply } from '../../shared/src/ydoc/comments.js'
import { entry, openThread } from '../helpers/comment-threads.js'
import type { MailSink } from '../helpers/mail-sink.js'
import { adminToken, form, linkIn, type MailSuite, withMailServer } from '../helpers/mail-suite.js'
import { startServer, type TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

let server: TestServer
let sink: MailSink
let settings: MailSuite['settings']
let setAddress: MailSuite['setAddress']
let choose: MailSuite['choose']
let newAddress: MailSuite['newAddress']
let waitForMail: MailSuite['waitForMail']
let verified: MailSuite['verified']
let barrier: MailSuite['barrier']
let comments: MailSuite['comments']

withMailServer((suite) => {
  ;({
    server,
    sink,
    settings,
    setAddress,
    choose,
    newAddress,
    waitForMail,
    verified,
    barrier,
    comments,
  } = suite)
})

/** What is mailed, when, and what stops it: digests, unsubscribing, retries, restarts, erasure. */
describe('e-mail delivery', () => {
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
