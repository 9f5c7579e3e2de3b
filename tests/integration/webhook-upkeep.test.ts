import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorBody } from '../../shared/src/errors.js'
import type { CreatedWebhook, Webhook, WebhookDelivery } from '../../shared/src/schema/webhook.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'
import { signatureHolds, startReceiver } from '../helpers/webhook-receiver.js'

/** A hook's upkeep: rolling its secret without a gap, and sending a delivery again by hand. */
describe('webhook upkeep', () => {
  let server: TestServer
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  beforeAll(async () => {
    server = await startServer({
      env: {
        WEBHOOK_ALLOW_PRIVATE: '1',
        WEBHOOK_RETRY_BASE_MS: '50',
        WEBHOOK_POLL_MS: '50',
        WEBHOOK_MAX_ATTEMPTS: '2',
      },
    })
    receiver = await startReceiver()
  })
  afterAll(async () => {
    await receiver.close()
    await server.stop()
    await removeDataDirs()
  })

  const hooksPath = (site: Site) => `/api/workspaces/${site.workspaceId}/webhooks`
  const register = (site: Site) =>
    api<CreatedWebhook>(server, 'POST', hooksPath(site), {
      token: site.token,
      body: { url: receiver.url, events: ['version.saved'] },
    })
  const saveVersion = async (site: Site, name: string) => {
    const plan = await site.document(`Plan for ${name}`)
    await api(server, 'POST', `/api/documents/${plan.id}/versions`, {
      token: site.token,
      body: { name },
    })
  }
  const deliveriesOf = async (site: Site, webhookId: string) =>
    (
      await api<{ deliveries: WebhookDelivery[] }>(
        server,
        'GET',
        `${hooksPath(site)}/${webhookId}/deliveries`,
        { token: site.token },
      )
    ).deliveries

  it('rolls a secret: the new one is shown once, and for a day both sign each delivery', async () => {
    receiver.state.answer = () => 200
    const site = await Site.open(server, 'Rolling secrets')
    const { webhook, secret: oldSecret } = await register(site)
    const rolled = await api<CreatedWebhook>(
      server,
      'POST',
      `${hooksPath(site)}/${webhook.id}/secret`,
      { token: site.token, expect: 200 },
    )
    expect(rolled.secret).toMatch(/^whsec_/)
    expect(rolled.secret).not.toBe(oldSecret)
    const until = Date.parse(rolled.webhook.previousSecretUntil ?? '')
    expect(until - Date.now()).toBeGreaterThan(23 * 3600_000)
    expect(until - Date.now()).toBeLessThanOrEqual(24 * 3600_000)

    const before = receiver.received.length
    await saveVersion(site, 'After the roll')
    await waitFor(() => receiver.received.length > before, 'a delivery after the roll')
    const message = receiver.received[before]
    if (!message) throw new Error('no delivery')
    // A receiver still holding the old secret accepts it, and so does one switched already.
    expect(String(message.headers['webhook-signature']).split(' ')).toHaveLength(2)
    expect(signatureHolds(oldSecret, message)).toBe(true)
    expect(signatureHolds(rolled.secret, message)).toBe(true)
    expect(signatureHolds('whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', message)).toBe(false)

    // The list says until when the old secret holds, and never shows either secret.
    const listed = await api<{ webhooks: Webhook[] }>(server, 'GET', hooksPath(site), {
      token: site.token,
    })
    expect(listed.webhooks[0]?.previousSecretUntil).toBe(rolled.webhook.previousSecretUntil)
    expect(JSON.stringify(listed)).not.toContain(rolled.secret)
    expect(JSON.stringify(listed)).not.toContain(oldSecret)
  })

  it('lets only the workspace’s facilitators roll a secret', async () => {
    const site = await Site.open(server, 'Guarded secrets')
    const { webhook } = await register(site)
    const ayu = await site.join('stakeholder', 'Ayu')
    const path = `${hooksPath(site)}/${webhook.id}/secret`
    await api(server, 'POST', path, { token: ayu.token, expect: 403 })
    // Another workspace's facilitator, naming this hook under their own workspace, finds nothing.
    const other = await Site.open(server, 'Elsewhere')
    await api(server, 'POST', `${hooksPath(other)}/${webhook.id}/secret`, {
      token: other.token,
      expect: 404,
    })
    const listed = await api<{ webhooks: Webhook[] }>(server, 'GET', hooksPath(site), {
      token: site.token,
    })
    expect(listed.webhooks[0]?.previousSecretUntil).toBeNull()
  })

  it('sends a failed delivery again once the receiver is fixed, with the same webhook-id', async () => {
    const site = await Site.open(server, 'Fixed receiver')
    const { webhook, secret } = await register(site)
    receiver.state.answer = () => 500
    const before = receiver.received.length
    await saveVersion(site, 'Sent while broken')
    await waitFor(
      async () => (await deliveriesOf(site, webhook.id))[0]?.status === 'failed',
      'the delivery to fail for good after two attempts',
    )
    const [failed] = await deliveriesOf(site, webhook.id)
    if (!failed) throw new Error('no delivery')
    expect(failed).toMatchObject({ attempts: 2, lastStatus: 500 })

    receiver.state.answer = () => 204
    const again = await api<WebhookDelivery>(
      server,
      'POST',
      `${hooksPath(site)}/${webhook.id}/deliveries/${failed.id}/redeliver`,
      { token: site.token, expect: 202 },
    )
    expect(again.id).toBe(failed.id)
    await waitFor(
      async () => (await deliveriesOf(site, webhook.id))[0]?.status === 'delivered',
      'the delivery sent again to arrive',
    )
    const sent = receiver.received.slice(before)
    expect(sent).toHaveLength(3)
    expect(new Set(sent.map((message) => message.headers['webhook-id']))).toEqual(
      new Set([failed.id]),
    )
    const last = sent[2]
    if (!last) throw new Error('no third attempt')
    expect(signatureHolds(secret, last)).toBe(true)
    expect((await deliveriesOf(site, webhook.id))[0]).toMatchObject({
      attempts: 1,
      lastStatus: 204,
      lastError: null,
    })
    const audited = (await site.audit()).filter((entry) => entry.action === 'webhook.redelivered')
    expect(audited).toMatchObject([{ target: webhook.id, details: { delivery: failed.id } }])
  })

  it('audits registering, rolling and removing a hook, naming the receiver’s host and never its path', async () => {
    const site = await Site.open(server, 'Audited hooks')
    const url = `${receiver.url}/services/T0001/s3cr3t-in-path?token=s3cr3t-in-query`
    const { webhook, secret } = await api<CreatedWebhook>(server, 'POST', hooksPath(site), {
      token: site.token,
      body: { url, events: ['decision.recorded'] },
    })
    const rolled = await api<CreatedWebhook>(
      server,
      'POST',
      `${hooksPath(site)}/${webhook.id}/secret`,
      { token: site.token, expect: 200 },
    )
    const ayu = await site.join('stakeholder', 'Ayu')
    await api(server, 'DELETE', `${hooksPath(site)}/${webhook.id}`, {
      token: ayu.token,
      expect: 403,
    })
    await api(server, 'DELETE', `${hooksPath(site)}/${webhook.id}`, {
      token: site.token,
      expect: 204,
    })
    const entries = (await site.audit()).filter((entry) => entry.action.startsWith('webhook.'))
    const host = new URL(url).host
    expect(entries.map((entry) => entry.action).sort()).toEqual([
      'webhook.registered',
      'webhook.removed',
      'webhook.secret_rolled',
    ])
    for (const entry of entries) {
      expect(entry).toMatchObject({ target: webhook.id, details: { host } })
    }
    const written = JSON.stringify(entries)
    for (const hidden of ['s3cr3t-in-path', 's3cr3t-in-query', secret, rolled.secret]) {
      expect(written).not.toContain(hidden)
    }
  })

  it('refuses to send again what does not exist, is still being tried, or is not asked by a facilitator', async () => {
    const site = await Site.open(server, 'Refused redelivery')
    const { webhook } = await register(site)
    const base = `${hooksPath(site)}/${webhook.id}/deliveries`
    const notFound = ErrorBody.parse(
      await api(server, 'POST', `${base}/msg_nothing/redeliver`, {
        token: site.token,
        expect: 404,
      }),
    )
    expect(notFound.error.code).toBe('not_found')

    // A receiver that holds its answer keeps the delivery pending while it is tried.
    let release = () => {}
    receiver.state.held = new Promise<void>((resolve) => {
      release = resolve
    })
    receiver.state.answer = () => 503
    const before = receiver.received.length
    await saveVersion(site, 'Still trying')
    await waitFor(
      () => receiver.received.length > before,
      'the first attempt to reach the receiver',
    )
    const [pending] = await deliveriesOf(site, webhook.id)
    if (!pending) throw new Error('no delivery')
    expect(pending.status).toBe('pending')
    const conflict = ErrorBody.parse(
      await api(server, 'POST', `${base}/${pending.id}/redeliver`, {
        token: site.token,
        expect: 409,
      }),
    )
    expect(conflict.error.code).toBe('conflict')
    release()
    receiver.state.held = undefined
    await waitFor(
      async () => (await deliveriesOf(site, webhook.id))[0]?.status === 'failed',
      'the delivery to fail',
    )
    const ayu = await site.join('stakeholder', 'Ayu')
    await api(server, 'POST', `${base}/${pending.id}/redeliver`, { token: ayu.token, expect: 403 })
    // Nothing changed by the refused requests.
    expect((await deliveriesOf(site, webhook.id))[0]).toMatchObject({
      status: 'failed',
      attempts: 2,
    })
  })
})
