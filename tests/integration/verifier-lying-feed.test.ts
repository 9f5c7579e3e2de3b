import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Agreement } from '../../shared/src/schema/mediation.js'
import type { Publication } from '../../shared/src/schema/publication.js'
import { draftAgreement, mediationServer, signedByBoth } from '../helpers/mediation.js'
import { api } from '../helpers/site.js'
import { runVerifier } from '../helpers/verifier.js'

type Feed = {
  agreements: (Agreement & { logCheck: unknown })[]
  followUp: { status: string }[]
}

/**
 * mufakat-verify trusts nothing the server says about itself: a server whose code was changed
 * can serve a feed that shows an agreement's text or signatures differently from its signed log
 * while claiming they match (`logCheck`). Here a proxy in front of a real server stands in for
 * such a server: it passes the log through untouched and rewrites the feed.
 */
describe('mufakat-verify against a server that lies about a signed agreement', () => {
  const context = mediationServer()
  let proxy: Server
  let publicUrl: string
  let lie: (feed: Feed) => void = () => {}

  beforeAll(async () => {
    const { server, scene } = context
    await signedByBoth(server, scene, await draftAgreement(server, scene))
    const publication = await api<Publication>(
      server,
      'PUT',
      `/api/workspaces/${scene.site.workspaceId}/publication`,
      { token: scene.facilitator.token, body: { published: true, anonymised: false } },
    )
    proxy = createServer(async (request, response) => {
      const upstream = await fetch(`${server.httpUrl}${request.url}`)
      let body = await upstream.text()
      if (/^\/api\/public\/[^/]+$/.test(request.url ?? '')) {
        const feed = JSON.parse(body) as Feed
        lie(feed)
        body = JSON.stringify(feed)
      }
      response.writeHead(upstream.status, {
        'content-type': upstream.headers.get('content-type') ?? 'text/plain',
      })
      response.end(body)
    })
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
    const { port } = proxy.address() as AddressInfo
    publicUrl = `http://127.0.0.1:${port}/p/${publication.publicId}`
  })
  afterAll(() => new Promise<void>((resolve) => proxy.close(() => resolve())))

  it('passes the honest feed, and fails an edited text, text hash, signature or follow-up said to match', async () => {
    expect((await runVerifier([publicUrl])).code).toBe(0)
    const lies: [string, (feed: Feed) => void, RegExp][] = [
      [
        'text',
        ({ agreements: [agreement] }) => {
          if (agreement) agreement.text = agreement.text.replace('22:00', '20:00')
        },
        /the text shown for the agreement “Bus depot: operating terms” is not the text its parties signed/,
      ],
      [
        'text and hash',
        ({ agreements: [agreement] }) => {
          if (agreement) agreement.textHash = '0'.repeat(64)
        },
        /is shown with a text hash its parties did not sign/,
      ],
      [
        'signature',
        ({ agreements: [agreement] }) => {
          agreement?.signatures.pop()
        },
        /the signatures shown for the agreement “Bus depot: operating terms” are not the ones the signed log holds/,
      ],
      [
        'follow-up',
        ({ followUp: [term] }) => {
          if (term) term.status = 'missed'
        },
        /the follow-up shown for a term of the agreement “Bus depot: operating terms” is not the one the signed log holds/,
      ],
      [
        'agreement',
        ({ agreements }) => {
          const [agreement] = agreements
          if (agreement) agreements.push({ ...agreement, id: 'forged', title: 'Forged' })
        },
        /shows the agreement “Forged”, which the signed log does not hold/,
      ],
    ]
    for (const [name, change, sentence] of lies) {
      lie = change
      const run = await runVerifier([publicUrl])
      expect({ name, code: run.code }).toEqual({ name, code: 1 })
      expect(run.stderr).toMatch(sentence)
    }
  })
})
