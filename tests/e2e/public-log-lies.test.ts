import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Publication } from '../../shared/src/schema/publication.js'
import { launchBrowser, newPerson, seriousViolations } from '../helpers/browser.js'
import { startLyingFeedProxy } from '../helpers/lying-feed-proxy.js'
import { draftAgreement, mediationServer, signedByBoth } from '../helpers/mediation.js'
import { api } from '../helpers/site.js'

/**
 * The reader's browser runs the same checks as mufakat-verify, so a server whose code was
 * changed cannot show a signed agreement's text, signatures or follow-up differently from its
 * signed log while saying they match: a proxy in front of a real server stands in for it.
 */
describe('the public page against a server that lies about a signed agreement', () => {
  const context = mediationServer()
  let browser: Browser
  let proxy: Awaited<ReturnType<typeof startLyingFeedProxy>>
  let path: string

  beforeAll(async () => {
    const { server, scene } = context
    browser = await launchBrowser()
    await signedByBoth(server, scene, await draftAgreement(server, scene))
    const publication = await api<Publication>(
      server,
      'PUT',
      `/api/workspaces/${scene.site.workspaceId}/publication`,
      { token: scene.facilitator.token, body: { published: true, anonymised: false } },
    )
    proxy = await startLyingFeedProxy(server)
    path = `/p/${publication.publicId}`
  })
  afterAll(async () => {
    await browser?.close()
    await proxy?.close()
  })

  it('verifies the honest feed and warns, in both languages, when a text or a follow-up is changed', async () => {
    const { context: honest, page } = await newPerson(browser, { httpUrl: proxy.url })
    await page.goto(path)
    await page
      .getByTestId('log-check')
      .getByText(/Verified in your browser/)
      .waitFor()
    await honest.close()

    proxy.state.lie = ({ agreements: [agreement] }) => {
      if (agreement) agreement.text = agreement.text.replace('22:00', '20:00')
    }
    const { context: reader, page: readerPage } = await newPerson(browser, { httpUrl: proxy.url })
    await readerPage.goto(path)
    const warning = readerPage.getByTestId('log-check')
    await warning.getByText(/Warning: this page shows a text, a signature or a follow-up/).waitFor()
    // The checker's own sentence, as mufakat-verify gives it, for whoever reports it.
    const alert = readerPage.getByRole('alert').filter({ has: warning })
    expect(await alert.textContent()).toContain('is not the text its parties signed')
    expect(await warning.textContent()).not.toContain('Verified')
    expect(await seriousViolations(readerPage)).toEqual([])
    await reader.close()

    proxy.state.lie = ({ followUp: [term] }) => {
      if (term) term.status = 'missed'
    }
    const { context: pembaca, page: halaman } = await newPerson(
      browser,
      { httpUrl: proxy.url },
      { locale: 'id-ID' },
    )
    await halaman.goto(path)
    await halaman
      .getByTestId('log-check')
      .getByText(/Peringatan: halaman ini menampilkan teks, tanda tangan, atau tindak lanjut/)
      .waitFor()
    await pembaca.close()
  }, 120_000)
})
