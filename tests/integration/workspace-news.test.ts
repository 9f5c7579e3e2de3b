import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { presenceRoomName } from '../../shared/src/ydoc/rooms.js'
import { type NewsRevisions, readNews } from '../../shared/src/ydoc/workspace-news.js'
import { type Client, connectClient, destroyClients, waitForSynced } from '../helpers/clients.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'
import { readMetric } from '../helpers/store.js'
import { waitFor } from '../helpers/wait.js'

describe('workspace news in the presence room', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterEach(() => destroyClients())
  afterAll(async () => {
    await server.stop()
    await removeDataDirs()
  })

  /** A page's view of the presence room. */
  const listen = async (site: Site, token: string): Promise<Client> => {
    const client = connectClient(server, presenceRoomName(site.workspaceId), { params: { token } })
    await waitForSynced(client)
    return client
  }
  const news = (client: Client): NewsRevisions => readNews(client.doc)
  const waitForNews = (client: Client, check: (news: NewsRevisions) => boolean, what: string) =>
    waitFor(() => check(news(client)), what)

  it('loads no room for news that no open page can hear', async () => {
    const quiet = await startServer({ env: { ROOM_UNLOAD_GRACE_MS: '60000' } })
    const site = await Site.open(quiet, 'Nobody looking')
    await site.document('Unseen plan')
    await site.join('stakeholder', 'Ayu')
    // News goes out at the end of the turn: a later request's answer comes after it.
    await api(quiet, 'GET', `/api/workspaces/${site.workspaceId}/documents`, { token: site.token })
    expect(await readMetric(quiet.httpUrl, 'mufakat_rooms_loaded')).toBe(0)
    await quiet.stop()
  })

  it('counts up the topic an API change touched, on every open page of the workspace', async () => {
    const site = await Site.open(server, 'Live news')
    const other = await Site.open(server, 'Elsewhere')
    const page = await listen(site, site.token)
    const elsewhere = await listen(other, other.token)
    const before = news(page)
    const elsewhereBefore = news(elsewhere)

    const newcomer = await site.join('stakeholder', 'Ayu')
    await waitForNews(
      page,
      (now) => now.people > before.people && now.invites > before.invites,
      'people and invites to count up after someone joined',
    )
    const joined = news(page)
    expect(joined.documents).toBe(before.documents)

    // Any member's page hears it, not only the facilitator's.
    const ayuPage = await listen(site, newcomer.token)
    await site.document('Rencana mobilitas')
    await waitForNews(
      page,
      (now) => now.documents === joined.documents + 1,
      'documents to count up by one',
    )
    await waitForNews(ayuPage, (now) => now.documents === joined.documents + 1, 'Ayu to hear it')

    await api(server, 'POST', `/api/workspaces/${site.workspaceId}/sessions`, {
      token: site.token,
      body: { title: 'Lokakarya', kind: 'workshop' },
    })
    await waitForNews(page, (now) => now.sessions === joined.sessions + 1, 'sessions to count up')
    // The other workspace heard none of it.
    expect(news(elsewhere)).toEqual(elsewhereBefore)
  })

  it('drops a client’s own writes to the news: only the server counts', async () => {
    const site = await Site.open(server, 'Forged news')
    const stakeholder = await site.join('stakeholder', 'Budi')
    const forger = await listen(site, stakeholder.token)
    const page = await listen(site, site.token)
    const before = news(page)

    forger.doc.getMap('news').set('documents', 999)
    await site.document('Setelah pemalsuan')
    await waitForNews(
      page,
      (now) => now.documents === before.documents + 1,
      'the server’s count, not the forged one',
    )
    // A page opened afresh holds the server's count too: the forged write was never stored.
    const fresh = await listen(site, site.token)
    expect(news(fresh).documents).toBe(before.documents + 1)
    expect(news(page).documents).not.toBe(999)
  })
})
