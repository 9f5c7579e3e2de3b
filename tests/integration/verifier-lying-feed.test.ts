import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Publication } from '../../shared/src/schema/publication.js'
import { type LyingFeed, startLyingFeedProxy } from '../helpers/lying-feed-proxy.js'
import { draftAgreement, mediationServer, signedByBoth } from '../helpers/mediation.js'
import { api } from '../helpers/site.js'
import { runVerifier } from '../helpers/verifier.js'

/**
 * mufakat-verify trusts nothing the server says about itself: a server whose code was changed
 * can serve a feed that shows an agreement's text or signatures differently from its signed log
 * while claiming they match (`logCheck`). Here a proxy in front of a real server stands in for
 * such a server: it passes the log through untouched and rewrites the feed.
 */
describe('mufakat-verify against a server that lies about a signed agreement', () => {
  const context = mediationServer()
  let proxy: Awaited<ReturnType<typeof startLyingFeedProxy>>
  let publicUrl: string

  beforeAll(async () => {
    const { server, scene } = context
    await signedByBoth(server, scene, await draftAgreement(server, scene))
    const publication = await api<Publication>(
      server,
      'PUT',
      `/api/workspaces/${scene.site.workspaceId}/publication`,
      { token: scene.facilitator.token, body: { published: true, anonymised: false } },
    )
    proxy = await startLyingFeedProxy(server)
    publicUrl = `${proxy.url}/p/${publication.publicId}`
  })
  afterAll(() => proxy.close())

  it('passes the honest feed, and fails an edited text, text hash, signature or follow-up said to match', async () => {
    expect((await runVerifier([publicUrl])).code).toBe(0)
    const lies: [string, (feed: LyingFeed) => void, RegExp][] = [
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
      proxy.state.lie = change
      const run = await runVerifier([publicUrl])
      expect({ name, code: run.code }).toEqual({ name, code: 1 })
      expect(run.stderr).toMatch(sentence)
    }
  })
})
