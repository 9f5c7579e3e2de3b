import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ErrorBody } from '../../shared/src/errors.js'
import type {
  CreatedWebhook,
  WebhookDelivery,
  WebhookEvent,
} from '../../shared/src/schema/webhook.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api, Site } from '../helpers/site.js'
import { siteForSuite } from '../helpers/suite.js'
import { waitFor } from '../helpers/wait.js'
import { signatureHolds, startReceiver } from '../helpers/webhook-receiver.js'

const quickRetries = {
  WEBHOOK_ALLOW_PRIVATE: '1',
  WEBHOOK_RETRY_BASE_MS: '200',
  WEBHOOK_POLL_MS: '50',
}

describe('webhooks', () => {
  let server: TestServer
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  beforeAll(async () => {
    server = await startServer({ env: quickRetries })
    receiver = await startReceiver()
  })
  afterAll(async () => {
    await receiver.close()
    await server.stop()
    await removeDataDirs()
  })

  const register = (site: Site, url: string, events: WebhookEvent[], expect = 201) =>
    api<CreatedWebhook>(server, 'POST', `/api/workspaces/${site.workspaceId}/webhooks`, {
      token: site.token,
      body: { url, events },
      expect,
    })
  const deliveriesOf = async (site: Site, webhookId: string, on: TestServer = server) =>
    (
      await api<{ deliveries: WebhookDelivery[] }>(
        on,
        'GET',
        `/api/workspaces/${site.workspaceId}/webhooks/${webhookId}/deliveries`,
        { token: site.token },
      )
    ).deliveries

  it('sends each event a hook listens for, signed with its secret, and logs the delivery', async () => {
    receiver.state.answer = () => 200
    const site = await Site.open(server, 'Hooked workspace')
    const { webhook, secret } = await register(site, receiver.url, [
      'version.saved',
      'decision.recorded',
    ])
    expect(secret).toMatch(/^whsec_/)
    const before = receiver.received.length
    const plan = await site.document('Rencana')
    await api(server, 'POST', `/api/documents/${plan.id}/versions`, {
      token: site.token,
      body: { name: 'Draft for March' },
    })
    const commands = sessionCommands(server, site)
    const { session } = await commands.open('Deciding')
    await commands.run(session.id, site.token, {
      type: 'proposal.open',
      title: 'Bus lanes',
      text: 'Yes.',
    })
    await commands.run(session.id, site.token, { type: 'proposal.close', outcome: 'adopted' })
    await waitFor(() => receiver.received.length >= before + 2, 'two deliveries')

    const messages = receiver.received.slice(before)
    const bodies = messages.map((message) => JSON.parse(message.body))
    expect(bodies.map((body) => body.type).sort()).toEqual(['decision.recorded', 'version.saved'])
    expect(bodies.find((body) => body.type === 'version.saved').data).toMatchObject({
      workspaceId: site.workspaceId,
      documentId: plan.id,
      name: 'Draft for March',
    })
    expect(bodies.find((body) => body.type === 'decision.recorded').data).toMatchObject({
      title: 'Bus lanes',
      outcome: 'adopted',
      sessionId: session.id,
    })
    for (const message of messages) {
      expect(signatureHolds(secret, message)).toBe(true)
      // A body changed on the way, or another hook's secret, does not hold.
      expect(signatureHolds(secret, { ...message, body: `${message.body} ` })).toBe(false)
      expect(signatureHolds('whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', message)).toBe(false)
    }
    await waitFor(
      async () => (await deliveriesOf(site, webhook.id)).every((d) => d.status === 'delivered'),
      'the log to show both delivered',
    )
    const log = await deliveriesOf(site, webhook.id)
    expect(log).toHaveLength(2)
    expect(log[0]).toMatchObject({ attempts: 1, lastStatus: 200, lastError: null })

    // Only facilitators see and manage hooks.
    const ayu = await site.join('stakeholder', 'Ayu')
    const path = `/api/workspaces/${site.workspaceId}/webhooks`
    await api(server, 'GET', path, { token: ayu.token, expect: 403 })
    await api(server, 'POST', path, {
      token: ayu.token,
      body: { url: receiver.url, events: ['version.saved'] },
      expect: 403,
    })
    const listed = await api<{ webhooks: object[] }>(server, 'GET', path, { token: site.token })
    expect(JSON.stringify(listed)).not.toContain(secret)
  })

  it('retries a receiver that fails twice, waiting longer each time, until it answers 2xx', async () => {
    const site = await Site.open(server, 'Flaky receiver')
    const { webhook, secret } = await register(site, receiver.url, ['version.saved'])
    const before = receiver.received.length
    receiver.state.answer = (count) => (count - before <= 2 ? 500 : 204)
    const plan = await site.document('Rencana')
    await api(server, 'POST', `/api/documents/${plan.id}/versions`, {
      token: site.token,
      body: { name: 'Retried' },
    })
    await waitFor(
      async () => (await deliveriesOf(site, webhook.id))[0]?.status === 'delivered',
      'the third attempt to be delivered',
    )
    const attempts = receiver.received.slice(before)
    expect(attempts).toHaveLength(3)
    // One message, sent three times: the same id each time, each signed afresh.
    expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1)
    for (const attempt of attempts) expect(signatureHolds(secret, attempt)).toBe(true)
    const [first, second, third] = attempts.map((a) => a.at) as [number, number, number]
    expect(second - first).toBeGreaterThanOrEqual(200)
    expect(third - second).toBeGreaterThanOrEqual(400)
    expect((await deliveriesOf(site, webhook.id))[0]).toMatchObject({
      attempts: 3,
      lastStatus: 204,
      lastError: null,
      nextAttemptAt: null,
    })
  })

  it('keeps a pending delivery across a restart and sends it once the receiver is back', async () => {
    const site = await Site.open(server, 'Restarted')
    const { webhook } = await register(site, receiver.url, ['version.saved'])
    const before = receiver.received.length
    receiver.state.answer = () => 503
    const plan = await site.document('Rencana')
    await api(server, 'POST', `/api/documents/${plan.id}/versions`, {
      token: site.token,
      body: { name: 'Before the restart' },
    })
    await waitFor(
      async () => (await deliveriesOf(site, webhook.id))[0]?.lastStatus === 503,
      'a failed first attempt',
    )
    const { dataDir } = server
    await server.stop()
    receiver.state.answer = () => 200
    server = await startServer({ dataDir, env: quickRetries })
    const restarted = site.on(server)
    await waitFor(
      async () => (await deliveriesOf(restarted, webhook.id))[0]?.status === 'delivered',
      'the delivery to be sent after the restart',
    )
    expect(receiver.received.length - before).toBeGreaterThanOrEqual(2)
  })
})

describe('webhook addresses', () => {
  const suite = siteForSuite()

  it('refuses loopback, private and non-http URLs with a clear error, and takes a public one', async () => {
    const { server, site } = suite
    const path = `/api/workspaces/${site.workspaceId}/webhooks`
    const refused = async (url: string) =>
      ErrorBody.parse(
        await api(server, 'POST', path, {
          token: site.token,
          body: { url, events: ['agreement.signed'] },
          expect: 400,
        }),
      ).error
    const loopback = await refused('http://127.0.0.1:8080/hook')
    expect(loopback.message).toContain('loopback or private address')
    expect(loopback.message).toContain('WEBHOOK_ALLOW_PRIVATE=1')
    await refused('http://localhost/hook')
    await refused('http://10.1.2.3/hook')
    await refused('http://192.168.1.10/hook')
    await refused('http://169.254.169.254/latest/meta-data')
    await refused('http://[::1]/hook')
    await refused('http://[::ffff:127.0.0.1]/hook')
    await refused('ftp://example.org/hook')
    await refused('not a url')
    await api(server, 'POST', path, {
      token: site.token,
      body: { url: 'https://93.184.215.14/hook', events: [] },
      expect: 400,
    })
    const { webhook } = await api<CreatedWebhook>(server, 'POST', path, {
      token: site.token,
      body: { url: 'https://93.184.215.14/hook', events: ['agreement.signed'] },
    })
    const { webhooks } = await api<{ webhooks: { id: string }[] }>(server, 'GET', path, {
      token: site.token,
    })
    expect(webhooks.map((hook) => hook.id)).toEqual([webhook.id])
  })
})
