import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { documentPage, seriousViolations } from '../helpers/browser.js'
import { type BrowserSuite, withBrowserSuite } from '../helpers/browser-suite.js'
import type { Site } from '../helpers/site.js'

let site: Site
let personAt: BrowserSuite['personAt']

withBrowserSuite((suite) => {
  ;({ site, personAt } = suite)
})

const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true })

/** The names of the IndexedDB databases this page's origin keeps (one per cached room). */
const localDatabases = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name ?? ''))

/** Every value in this page's origin's localStorage (the list of local copies among them). */
const localStorageValues = (page: Page) =>
  page.evaluate(() =>
    Array.from({ length: localStorage.length }, (_, index) => {
      const key = localStorage.key(index)
      return key === null ? '' : (localStorage.getItem(key) ?? '')
    }),
  )

/** The URLs of every answer in this page's origin's Cache Storage (the service worker's). */
const cachedUrls = (page: Page) =>
  page.evaluate(async () => {
    if (!('caches' in window)) return []
    const caches = await Promise.all(
      (await window.caches.keys()).map((name) => window.caches.open(name)),
    )
    const requests = await Promise.all(caches.map((cache) => cache.keys()))
    return requests.flat().map((request) => request.url)
  })

/** What this browser keeps that belongs to a caucus: all three lists must stay empty. */
const caucusTraces = async (page: Page) => ({
  databases: (await localDatabases(page)).filter((name) => name.startsWith('caucus')),
  localStorage: (await localStorageValues(page)).filter((value) => value.includes('caucus')),
  cachedAnswers: (await cachedUrls(page)).filter((url) => url.includes('/api/caucuses')),
})

const operator = 'Kota Transit'
const residents = 'Merdeka residents'

describe('a mediation', () => {
  it('a mediator takes two parties from joint session through a caucus to a signed, published agreement', async () => {
    const [maya, budi, rina] = await Promise.all([
      site.join('mediator', 'Maya Mediator', 'academia'),
      site.join('stakeholder', 'Budi Santoso', 'business'),
      site.join('stakeholder', 'Rina Kusuma', 'community'),
    ])
    const m = await personAt(maya.token, `/w/${site.workspaceId}`)

    // The mediator opens the mediation from the workspace home and names the two parties.
    const start = m.page.getByRole('form', { name: 'Start a session' })
    await start.getByLabel('Title').fill('Bus depot on Jalan Merdeka')
    await start.getByLabel('Kind').selectOption('mediation')
    await start.getByRole('button', { name: 'Start session' }).click()
    await m.page.getByRole('heading', { name: 'Bus depot on Jalan Merdeka', level: 1 }).waitFor()
    const sessionPath = new URL(m.page.url()).pathname
    for (const [party, person] of [
      [operator, 'Budi Santoso'],
      [residents, 'Rina Kusuma'],
    ] as const) {
      await button(m.page, 'Add party').click()
      await m.page.getByLabel('Party name').fill(party)
      await m.page.getByRole('checkbox', { name: person, exact: true }).check()
      await button(m.page, 'Save party').click()
      await m.page.getByText(`Party “${party}” saved.`).waitFor()
    }

    // Joint session: both parties on the board, live.
    const [b, r] = await Promise.all([
      personAt(budi.token, sessionPath),
      personAt(rina.token, sessionPath),
    ])
    await r.page.getByLabel('New issue').fill('Noise at night')
    await button(r.page, 'Add issue').click()
    await b.page.getByText('Noise at night').waitFor()
    await b.page.getByLabel(`Interests of ${operator}`).fill('Charge the electric fleet overnight')
    await b.page.getByLabel(`Interests of ${operator}`).blur()
    await expect
      .poll(() => m.page.getByLabel(`Interests of ${operator}`).inputValue())
      .toBe('Charge the electric fleet overnight')
    expect(await button(b.page, 'Open caucus').count()).toBe(0)
    expect(await seriousViolations(m.page)).toEqual([])

    // A caucus with the residents: they enter, the operator sees only that it takes place.
    await m.page.getByLabel('Party', { exact: true }).selectOption({ label: residents })
    await button(m.page, 'Open caucus').click()
    const caucusLink = (page: Page) => page.getByRole('link', { name: `Caucus with ${residents}` })
    await caucusLink(r.page).click()
    await r.page.getByRole('heading', { name: `Caucus with ${residents}`, level: 1 }).waitFor()
    const caucusPath = new URL(r.page.url()).pathname
    const caucusText = (page: Page) => page.locator('.ProseMirror')
    // Keys go nowhere until the caucus text has arrived and the editor takes them.
    await r.page.locator('.ProseMirror[contenteditable="true"]').waitFor({ timeout: 30_000 })
    await caucusText(r.page).click()
    await r.page.keyboard.type('We can live with night charging under 45 dB at the fence.')
    await documentPage(m.page, 'mediation', { fullPage: true })
    await caucusLink(m.page).click()
    await expect.poll(() => caucusText(m.page).textContent()).toContain('under 45 dB')
    await b.page.getByText('Private').first().waitFor()
    expect(await caucusLink(b.page).count()).toBe(0)
    await b.page.goto(caucusPath)
    await b.page.getByRole('heading', { name: 'This caucus is private' }).waitFor()
    expect(await b.page.content()).not.toContain('45 dB')
    // Nothing of the caucus is kept in the browsers of the residents or the mediator, though
    // both are in it (the board is kept): no database, no local-copies entry, no cached answer.
    for (const page of [r.page, m.page]) {
      expect((await localDatabases(page)).some((name) => name.startsWith('board:'))).toBe(true)
      expect(await caucusTraces(page)).toEqual({
        databases: [],
        localStorage: [],
        cachedAnswers: [],
      })
    }
    expect(await seriousViolations(r.page)).toEqual([])
    await documentPage(r.page, 'caucus')

    // Back in joint session, the mediator drafts the agreement.
    await m.page.goto(sessionPath)
    await button(m.page, 'Draft agreement').click()
    await m.page.getByLabel('Agreement title').fill('Bus depot: operating terms')
    await m.page
      .getByLabel('Term 1 text')
      .fill('Electric buses charge only between 22:00 and 05:00, below 45 dB at the fence.')
    await m.page.getByLabel('Term 1 owner').selectOption({ label: 'Budi Santoso' })
    await m.page.getByLabel('Term 1 due date').fill('2027-03-01')
    await button(m.page, 'Save draft').click()
    const status = (page: Page) => page.getByTestId('agreement-status')
    await expect.poll(() => status(m.page).textContent()).toBe('Draft')
    const agreementPath = new URL(m.page.url()).pathname
    // The text to be signed reads as a document, not as Markdown; the exact text stays at hand.
    const rendered = m.page.getByTestId('agreement-text')
    expect(
      await rendered.getByRole('heading', { name: 'Bus depot: operating terms' }).count(),
    ).toBe(1)
    expect(await rendered.locator('ol > li').first().textContent()).toContain(
      'Electric buses charge only between 22:00 and 05:00',
    )
    expect(await rendered.textContent()).not.toContain('# ')
    await m.page.getByText('Show exact signed text').click()
    expect(await m.page.getByTestId('agreement-exact-text').textContent()).toMatch(
      /^# Bus depot: operating terms\n/,
    )

    // Each party signs for itself; the second signature makes it signed, everywhere.
    for (const [page, party] of [
      [b.page, operator],
      [r.page, residents],
    ] as const) {
      await page.goto(agreementPath)
      await button(page, `Sign for ${party}`).click()
      await page.getByRole('dialog').getByRole('button', { name: 'Sign', exact: true }).click()
      await page.getByText(`You signed for ${party}.`).waitFor()
    }
    for (const page of [m.page, b.page, r.page]) {
      await expect.poll(() => status(page).textContent(), { timeout: 10_000 }).toBe('Signed')
    }
    expect(await button(m.page, 'Edit draft').count()).toBe(0)
    expect(await seriousViolations(m.page)).toEqual([])
    await documentPage(m.page, 'agreement', { fullPage: true })

    // The operator reports its term done; the workspace home counts the terms.
    await b.page.getByLabel('Status of term 1').selectOption({ label: 'Done' })
    await b.page.getByLabel('Note for term 1').fill('Charging timer set in the depot software.')
    await button(b.page, 'Update status of term 1').click()
    await b.page.getByText('Status saved.').waitFor()

    // The facilitator publishes the record; anyone, signed out, sees it verified.
    const f = await personAt(site.token, `/w/${site.workspaceId}`)
    const overview = f.page.getByTestId('agreement-overview-row')
    await overview.getByText('Terms: 1 done, 0 missed, 0 open').waitFor()
    expect(await overview.getByRole('link').textContent()).toBe('Bus depot: operating terms')
    // Names stay out unless chosen, and the facilitator sees exactly what goes public first.
    expect(await f.page.getByRole('checkbox', { name: 'Anonymise names' }).isChecked()).toBe(true)
    await f.page.getByRole('checkbox', { name: 'Publish the record' }).check()
    await button(f.page, 'Preview what will be public').click()
    const preview = f.page.getByTestId('publication-preview')
    await preview.getByText('Bus depot: operating terms').first().waitFor()
    expect(await preview.textContent()).not.toContain('Budi Santoso')
    expect(await f.page.getByRole('link', { name: 'Public page' }).count()).toBe(0)
    // Named, so that readers can recompute every hash themselves: previewed again, with names.
    await f.page.getByRole('checkbox', { name: 'Anonymise names' }).uncheck()
    expect(await preview.count()).toBe(0)
    await button(f.page, 'Preview what will be public').click()
    await preview.getByText('Budi Santoso').first().waitFor()
    await button(f.page, 'Publish exactly this').click()
    const publicUrl = await f.page.getByRole('link', { name: 'Public page' }).getAttribute('href')
    expect(publicUrl).toMatch(/\/p\/[A-Za-z0-9_-]+$/)
    const outsider = await personAt(undefined, publicUrl ?? '')
    await expect
      .poll(() => outsider.page.getByTestId('verification').textContent())
      .toBe('Chain verified: 4 records') // the agreement, two signatures, one follow-up
    // …and recomputed by the reader's own browser, not only on the server's word.
    await expect
      .poll(() => outsider.page.getByTestId('browser-check').textContent())
      .toBe('Checked in this browser too: every hash and link recomputed, none altered.')
    await outsider.page.getByText('Bus depot: operating terms').first().waitFor()
    expect(await outsider.page.getByTestId('public-term').textContent()).toContain('Done')
    const publicPage = await outsider.page.content()
    expect(publicPage).not.toContain('We can live with') // the caucus words, never
    expect(await seriousViolations(outsider.page)).toEqual([])
    await documentPage(outsider.page, 'public-record', { fullPage: true })
    // The longest walk of the suite (three people, a caucus, signing, two previews, publishing):
    // more than the default minute on a busy machine.
  }, 150_000)
})
