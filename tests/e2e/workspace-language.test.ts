import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { CreatedWorkspace } from '../../shared/src/schema/workspace.js'
import { seriousViolations, signIn } from '../helpers/browser.js'
import { withBrowserSuite } from '../helpers/browser-suite.js'
import { draftAgreement, openMediation, signedByBoth } from '../helpers/mediation.js'
import type { TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'
import { planText, waitSaved } from './editor-helpers.js'

let server: TestServer
let browser: Browser

withBrowserSuite((suite) => {
  ;({ server, browser } = suite)
})

/** A workspace made through the API by its facilitator, from the government group. */
const workspaceOf = async (name: string, displayName: string, language?: 'id') => {
  const created = await api<CreatedWorkspace>(server, 'POST', '/api/workspaces', {
    body: { name, displayName, group: 'government', ...(language ? { language } : {}) },
  })
  return { workspaceId: created.workspace.id, token: created.token }
}

/** A phone in Indonesian: 390×844, touch, the browser asking for Bahasa Indonesia. */
const phone = async (signedIn?: { workspaceId: string; token: string }) => {
  const context = await browser.newContext({
    baseURL: server.httpUrl,
    locale: 'id-ID',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  })
  if (signedIn) await signIn(context, server, signedIn.workspaceId, signedIn.token)
  return { context, page: await context.newPage() }
}

describe('a workspace in Bahasa Indonesia, on a phone', () => {
  it('offers the workspace language at creation, in the reader’s language first', async () => {
    const { context, page } = await phone()
    await page.goto('/')
    await page.getByRole('heading', { name: 'Mulai ruang kerja' }).waitFor()
    const language = page.getByLabel('Notulen dan kesepakatan ditulis dalam')
    expect(await language.inputValue()).toBe('id')
    expect(await seriousViolations(page)).toEqual([])
    await page.getByLabel('Nama ruang kerja').fill('Lokakarya transportasi')
    await page.getByLabel('Nama Anda').fill('Dewi')
    await page.getByLabel('Kelompok pemangku kepentingan Anda').selectOption('government')
    await page.getByRole('button', { name: 'Buat ruang kerja' }).click()
    await page.getByRole('heading', { name: 'Lokakarya transportasi' }).waitFor()
    // A facilitator sees the workspace's language and can change it.
    expect(await page.getByLabel('Notulen dan kesepakatan ditulis dalam').inputValue()).toBe('id')
    expect(await seriousViolations(page)).toEqual([])
    await context.close()
  })

  it('writes the template, stage names and minutes file name in Indonesian', async () => {
    const { workspaceId, token } = await workspaceOf('Bandung 2030', 'Dewi', 'id')
    const { document } = await api<{ document: { id: string } }>(
      server,
      'POST',
      `/api/workspaces/${workspaceId}/documents`,
      { token, body: { title: 'Visi kota', template: 'smart-city-vision' } },
    )
    const { context, page } = await phone({ workspaceId, token })
    await page.goto(`/w/${workspaceId}/d/${document.id}`)
    await planText(page).getByText('Mobilitas cerdas').waitFor()
    await waitSaved(page)
    expect(await seriousViolations(page)).toEqual([])

    const { session } = await api<{ session: { id: string; createdAt: string } }>(
      server,
      'POST',
      `/api/workspaces/${workspaceId}/sessions`,
      { token, body: { title: 'Lokakarya transportasi', kind: 'workshop' } },
    )
    await page.goto(`/w/${workspaceId}/s/${session.id}`)
    await page.getByText('Pembukaan').first().waitFor()
    const link = page.getByRole('link', { name: 'Unduh notulen (Markdown)' })
    const name = `Notulen – Lokakarya transportasi – ${session.createdAt.slice(0, 10)}.md`
    expect(await link.getAttribute('download')).toBe(name)
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()])
    expect(download.suggestedFilename()).toBe(name)
    expect(await seriousViolations(page)).toEqual([])
    await context.close()
  })

  it('shows the signed agreement text with its language, in Indonesian', async () => {
    const scene = await openMediation(server)
    await api(server, 'PATCH', `/api/workspaces/${scene.site.workspaceId}`, {
      token: scene.site.token,
      body: { language: 'id' },
    })
    const agreement = await signedByBoth(server, scene, await draftAgreement(server, scene))
    const { context, page } = await phone({
      workspaceId: scene.site.workspaceId,
      token: scene.budi.token,
    })
    await page.goto(`/w/${scene.site.workspaceId}/a/${agreement.id}`)
    const text = page.getByTestId('agreement-text')
    await text.getByText('Bahasa: Bahasa Indonesia (id)').waitFor()
    await text.getByText(/^Para pihak: /).waitFor()
    await text
      .getByText(/Penanggung jawab: /)
      .first()
      .waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await context.close()
  })
})

describe('switching the interface language', () => {
  it('says what was saved in the language the reader switches to afterwards', async () => {
    const { workspaceId, token } = await workspaceOf('Bandung 2030', 'Ayu')
    const context = await browser.newContext({ baseURL: server.httpUrl, locale: 'en-GB' })
    await signIn(context, server, workspaceId, token)
    const page = await context.newPage()
    await page.goto(`/w/${workspaceId}`)
    await page.getByRole('checkbox', { name: 'Publish the record' }).check()
    await page.getByRole('button', { name: 'Preview what will be public', exact: true }).click()
    await page.getByRole('button', { name: 'Publish exactly this', exact: true }).click()
    const section = page.getByRole('form', { name: 'Public record' })
    await section.getByText('The record is published.').waitFor()
    // A facilitator who publishes, then switches to Bahasa Indonesia, reads the outcome in it.
    await page.getByLabel('Language', { exact: true }).selectOption('id')
    await page
      .getByRole('form', { name: 'Catatan publik' })
      .getByText('Catatan telah diterbitkan.')
      .waitFor()
    expect(await page.getByText('The record is published.').count()).toBe(0)
    await context.close()
  })
})

describe('switching the interface language after a change to people', () => {
  it('says who has which role now in the language the reader switches to, role name included', async () => {
    const site = await Site.open(server, 'Bandung 2030')
    await site.join('stakeholder', 'Budi Santoso', 'business')
    const context = await browser.newContext({ baseURL: server.httpUrl, locale: 'en-GB' })
    await signIn(context, server, site.workspaceId, site.token)
    const page = await context.newPage()
    await page.goto(`/w/${site.workspaceId}`)
    await page.getByLabel('Role of Budi Santoso').selectOption('observer')
    await page.getByText('Budi Santoso is now observer.').waitFor()
    await page.getByLabel('Language', { exact: true }).selectOption('id')
    await page.getByText('Budi Santoso sekarang pengamat.').waitFor()
    expect(await page.getByText('Budi Santoso is now observer.').count()).toBe(0)
    await context.close()
  })
})

describe('the header on a 390×844 phone', () => {
  it('shows the whole workspace name and language, with the bell beside them', async () => {
    const { workspaceId, token } = await workspaceOf('Bandung Smart Mobility 2030', 'Dewi')
    const { context, page } = await phone({ workspaceId, token })
    await page.goto(`/w/${workspaceId}`)
    await page.getByRole('heading', { name: 'Bandung Smart Mobility 2030' }).waitFor()
    const header = page.getByRole('banner')
    await header.getByRole('button', { name: 'Notifikasi' }).waitFor()
    // A choice's text fits when its box, less padding and the arrow, is at least as wide.
    const room = (label: string) =>
      header.getByLabel(label, { exact: true }).evaluate((select: HTMLSelectElement) => {
        const style = getComputedStyle(select)
        const measure = document.createElement('canvas').getContext('2d')
        if (!measure) throw new Error('no canvas')
        measure.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
        const text = measure.measureText(select.selectedOptions[0]?.text ?? '').width
        const inner = select.clientWidth - Number.parseFloat(style.paddingLeft) - 20
        return inner - text
      })
    expect(await room('Ruang kerja')).toBeGreaterThanOrEqual(0)
    expect(await room('Bahasa')).toBeGreaterThanOrEqual(0)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await context.close()
  })
})
