import { afterAll, beforeAll, expect, it } from 'vitest'
import type { NotificationList } from '../../shared/src/schema/notification.js'
import { describeWithCluster, startCluster, type TestCluster } from '../helpers/cluster.js'
import { type MailSink, startMailSink } from '../helpers/mail-sink.js'
import { removeDataDirs, type TestServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api, Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

const adminToken = 'cluster-mail-admin-token-0123456789'

/**
 * Every node of a cluster sends from the same mail outbox, and every node's clock may find the
 * same digest due: each mail is claimed by one node, each digest's watermark moved by one.
 */
await describeWithCluster('mail sent by two nodes of one cluster', () => {
  let cluster: TestCluster
  let sink: MailSink
  let a: TestServer
  let b: TestServer
  beforeAll(async () => {
    sink = await startMailSink()
    cluster = await startCluster(2, {
      env: {
        SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
        ADMIN_TOKEN: adminToken,
        // Both look often, so both see each mail due at about the same moment.
        MAIL_POLL_MS: '20',
      },
    })
    ;[a, b] = cluster.nodes as [TestServer, TestServer]
  }, 60_000)
  afterAll(async () => {
    await cluster?.close()
    await sink?.stop()
    await removeDataDirs()
  })

  it('sends each mail once and each digest once, whichever node queued or gathered it', async () => {
    const site = await Site.open(a, 'Two nodes, one outbox', adminToken)
    const people = 12
    const addresses: string[] = []
    let first = ''
    for (let n = 0; n < people; n += 1) {
      const person = await site.join('stakeholder', `Person ${n}`)
      const address = `person-${n}@example.org`
      addresses.push(address)
      await api(n % 2 === 0 ? a : b, 'PUT', `/api/workspaces/${site.workspaceId}/mail/address`, {
        token: person.token,
        body: { address },
      })
      if (n === 0) {
        first = person.token
        await waitFor(() => sink.to(address).length === 1, 'the first verification mail')
        const token = /\/mail\/verify\?token=(\S+)/.exec(sink.to(address)[0]?.text ?? '')?.[1]
        const confirmed = await fetch(`${b.httpUrl}/mail/verify`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token: token ?? '' }).toString(),
        })
        expect(confirmed.status).toBe(200)
      }
    }
    await waitFor(() => sink.received.length === people, 'a verification mail for each')

    // Person 0 is told of two sessions (a digest kind); both nodes gather digests at once.
    await sessionCommands(a, site).open('Workshop one')
    await sessionCommands(b, site).open('Workshop two')
    // Told once each change has committed, in a unit of its own: wait until both are stored.
    await waitFor(async () => {
      const inbox = await api<NotificationList>(
        a,
        'GET',
        `/api/workspaces/${site.workspaceId}/notifications`,
        { token: first },
      )
      return inbox.unread === 2
    }, 'person 0 told of both sessions')
    const digest = (node: TestServer) =>
      api<{ sent: number }>(node, 'POST', '/api/mail/digest', { token: adminToken, expect: 200 })
    const runs = await Promise.all([digest(a), digest(b), digest(a), digest(b)])
    expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(1)
    await waitFor(() => sink.to('person-0@example.org').length === 2, 'the digest')
    // A barrier: one more mail queued after the digest, and it arrives.
    const late = await site.join('observer', 'Late')
    await api(a, 'PUT', `/api/workspaces/${site.workspaceId}/mail/address`, {
      token: late.token,
      body: { address: 'late@example.org' },
    })
    await waitFor(() => sink.to('late@example.org').length === 1, 'the barrier mail')
    expect(sink.received).toHaveLength(people + 2)
    for (const address of addresses.slice(1)) expect(sink.to(address)).toHaveLength(1)
    expect(sink.to('person-0@example.org')[1]?.subject).toBe(
      'Two nodes, one outbox: 2 new notifications',
    )
  })
})
