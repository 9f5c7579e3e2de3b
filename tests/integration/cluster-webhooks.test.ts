import { afterAll, beforeAll, expect, it } from 'vitest'
import type { CreatedWebhook, WebhookDelivery } from '../../shared/src/schema/webhook.js'
import { describeWithCluster, startCluster, type TestCluster } from '../helpers/cluster.js'
import { removeDataDirs, type TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'
import { startReceiver } from '../helpers/webhook-receiver.js'

/**
 * Every node of a cluster looks into the same outbox. Each attempt is claimed by one of them,
 * or a receiver would get every event once per node.
 */
await describeWithCluster('webhooks sent by two nodes of one cluster', () => {
  let cluster: TestCluster
  let a: TestServer
  let b: TestServer
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  beforeAll(async () => {
    receiver = await startReceiver()
    cluster = await startCluster(2, {
      env: {
        WEBHOOK_ALLOW_PRIVATE: '1',
        // Both look often, so both see each delivery due at about the same moment.
        WEBHOOK_POLL_MS: '20',
      },
    })
    ;[a, b] = cluster.nodes as [TestServer, TestServer]
  }, 60_000)
  afterAll(async () => {
    await cluster?.close()
    await receiver?.close()
    await removeDataDirs()
  })

  it('delivers each event once, whichever node queued it', async () => {
    const site = await Site.open(a, 'Two nodes, one hook')
    const { webhook } = await api<CreatedWebhook>(
      a,
      'POST',
      `/api/workspaces/${site.workspaceId}/webhooks`,
      { token: site.token, body: { url: receiver.url, events: ['version.saved'] }, expect: 201 },
    )
    const plan = await site.document('Rencana')
    const saves = 12
    for (let n = 0; n < saves; n += 1)
      await api(n % 2 === 0 ? a : b, 'POST', `/api/documents/${plan.id}/versions`, {
        token: site.token,
        body: { name: `Draft ${n}` },
      })
    const deliveries = async () =>
      (
        await api<{ deliveries: WebhookDelivery[] }>(
          b,
          'GET',
          `/api/workspaces/${site.workspaceId}/webhooks/${webhook.id}/deliveries`,
          { token: site.token },
        )
      ).deliveries
    await waitFor(
      async () => (await deliveries()).filter((d) => d.status === 'delivered').length === saves,
      'every delivery delivered',
    )
    const ids = receiver.received.map((message) => String(message.headers['webhook-id']))
    expect(new Set(ids).size).toBe(saves)
    expect(ids).toHaveLength(saves)
    expect((await deliveries()).every((d) => d.attempts === 1)).toBe(true)
  })
})
