import type { Browser, Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Publication } from '../../shared/src/schema/publication.js'
import type { Session } from '../../shared/src/schema/session.js'
import { documentPage, seriousViolations, signIn } from '../helpers/browser.js'
import { withBrowserSuite } from '../helpers/browser-suite.js'
import { connectClient, waitForSynced } from '../helpers/clients.js'
import { draftAgreement, openMediation, signedByBoth } from '../helpers/mediation.js'
import { paragraph, saved, text, write } from '../helpers/plan-text.js'
import type { TestServer } from '../helpers/server.js'
import { sessionCommands } from '../helpers/session-commands.js'
import { api, type Site } from '../helpers/site.js'
import { planText, waitEditable, waitSaved } from './editor-helpers.js'

let server: TestServer
let browser: Browser
let site: Site

withBrowserSuite((suite) => {
  ;({ server, browser, site } = suite)
})

const phoneSize = { width: 390, height: 844 }

/** A slow mobile network (CDP `Network.emulateNetworkConditions`): 300 ms, 100 kB/s down. */
const slowNetwork = {
  offline: false,
  latency: 300,
  downloadThroughput: 100_000,
  uploadThroughput: 50_000,
}

/**
 * A phone: a fresh profile at 390×844 with touch, signed in to `workspaceId` when given a token,
 * on a slow network when asked (then answered as soon as the page starts loading).
 */
const phoneAt = async (
  path: string,
  signedIn?: { workspaceId: string; token: string },
  locale = 'en-GB',
  network?: typeof slowNetwork,
) => {
  const context = await browser.newContext({
    baseURL: server.httpUrl,
    locale,
    viewport: phoneSize,
    isMobile: true,
    hasTouch: true,
  })
  if (signedIn) await signIn(context, server, signedIn.workspaceId, signedIn.token)
  const page = await context.newPage()
  if (network) {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', network)
  }
  await page.goto(path, network ? { waitUntil: 'commit' } : {})
  return page
}

/**
 * Reloads a page that may still be loading. Chromium can swap a page's renderer while its first
 * document commits, and a reload sent in that moment fails with "Not attached to an active
 * page" though the page loads on; then wait for the document and reload again.
 */
const reloadWhileLoading = async (page: Page) => {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.reload({ waitUntil: 'commit' })
      return
    } catch (error) {
      if (attempt === 3 || !/Not attached to an active page/.test(String(error))) throw error
      await page.waitForLoadState('domcontentloaded', { timeout: 60_000 }).catch(() => undefined)
    }
  }
}

/**
 * What sticks out sideways: the page's scroll width, and every visible element wider than the
 * screen or reaching past either edge (clipped content counts too: it is as unreadable).
 */
const overflow = (page: Page) =>
  page.evaluate((width) => {
    const offending = Array.from(document.body.querySelectorAll('*')).filter((element) => {
      if (element.closest('.visually-hidden, .skip-link')) return false
      const box = element.getBoundingClientRect()
      if (box.width <= 1 || box.height <= 1) return false
      return box.width > width || box.right > width + 0.5 || box.left < -0.5
    })
    // The innermost ones name the culprits (their containers only stretch around them).
    const wide = offending
      .filter((element) => !offending.some((other) => other !== element && element.contains(other)))
      .map((element) => {
        const box = element.getBoundingClientRect()
        const name = `${element.tagName.toLowerCase()}.${Array.from(element.classList).join('.')}`
        return `${name} ${Math.round(box.left)}–${Math.round(box.right)}`
      })
    // A mobile browser widens its layout viewport to fit content wider than the screen.
    return {
      scrollWidth: document.documentElement.scrollWidth,
      width: window.innerWidth,
      wide: wide.slice(0, 8),
    }
  }, phoneSize.width)

const expectNoOverflow = async (page: Page, what: string) => {
  expect({ what, ...(await overflow(page)) }).toEqual({
    what,
    scrollWidth: phoneSize.width,
    width: phoneSize.width,
    wide: [],
  })
}

const button = (page: Page | Locator, name: string) =>
  page.getByRole('button', { name, exact: true })

/** Whether the element is on screen now, without scrolling. */
const onScreen = async (selector: Locator) => {
  const box = await selector.boundingBox()
  return box !== null && box.y >= 0 && box.y + box.height <= phoneSize.height
}

/** A workshop started through the API, Budi (business) in it, and a way to send it commands. */
const workshopWithBudi = async (title: string) => {
  const budi = await site.join('stakeholder', 'Budi Santoso', 'business')
  const { session } = await api<{ session: Session }>(
    server,
    'POST',
    `/api/workspaces/${site.workspaceId}/sessions`,
    { token: site.token, body: { title, kind: 'workshop' } },
  )
  const command = (body: unknown, token = site.token) =>
    api(server, 'POST', `/api/sessions/${session.id}/commands`, { token, body, expect: 200 })
  return { budi, session, command }
}

describe('on a phone (390×844)', () => {
  it('the start page loads less than 100 KB of gzipped JavaScript', async () => {
    // Ask for gzip only, so the sizes are gzip's (browsers that take brotli get less).
    const context = await browser.newContext({
      baseURL: server.httpUrl,
      extraHTTPHeaders: { 'accept-encoding': 'gzip' },
    })
    const page = await context.newPage()
    const scripts: { url: string; encoding: string | null; bytes: number }[] = []
    page.on('requestfinished', async (request) => {
      if (request.resourceType() !== 'script') return
      const response = await request.response()
      scripts.push({
        url: request.url(),
        encoding: (await response?.headerValue('content-encoding')) ?? null,
        bytes: (await request.sizes()).responseBodySize,
      })
    })
    await page.goto('/')
    await page.getByRole('heading', { name: 'Start a workspace' }).waitFor()
    await page.waitForLoadState('networkidle')
    expect(scripts.length).toBeGreaterThan(0)
    for (const script of scripts) expect(script).toMatchObject({ encoding: 'gzip' })
    const total = scripts.reduce((sum, script) => sum + script.bytes, 0)
    console.info(`start page JavaScript: ${scripts.length} files, ${total} bytes gzipped`)
    expect(total).toBeLessThan(100_000)
    await context.close()
  })

  it('the start and join pages and the workspace home fit the screen, under a compact header', async () => {
    const facilitator = { workspaceId: site.workspaceId, token: site.token }
    const start = await phoneAt('/')
    await start.getByRole('heading', { name: 'Start a workspace' }).waitFor()
    await expectNoOverflow(start, 'start')
    // The compact header's selects are still named.
    expect(await seriousViolations(start)).toEqual([])
    const header = await start.locator('.topbar').boundingBox()
    expect(header?.height).toBeLessThan(64)
    await documentPage(start, 'phone-start')

    const { invite } = await api<{ invite: { code: string } }>(
      server,
      'POST',
      `/api/workspaces/${site.workspaceId}/invites`,
      { token: site.token, body: { role: 'stakeholder' } },
    )
    const join = await phoneAt(`/join/${invite.code}`)
    await join.getByRole('button', { name: 'Join' }).waitFor()
    await expectNoOverflow(join, 'join')

    await site.document('Mobility plan', 'smart-city-vision')
    const home = await phoneAt(`/w/${site.workspaceId}`, facilitator)
    await home.getByRole('link', { name: 'Mobility plan' }).first().waitFor()
    await expectNoOverflow(home, 'workspace home')
    // With the workspace switcher, the header takes a second line, the switcher's alone, so the
    // workspace's name reads whole; still compact.
    expect((await home.locator('.topbar').boundingBox())?.height).toBeLessThan(84)
    await documentPage(home, 'phone-workspace-home', { fullPage: true })
  })

  it('the editor and a comparison of versions fit the screen', async () => {
    const facilitator = { workspaceId: site.workspaceId, token: site.token }
    const plan = await site.document('Mobility plan', 'smart-city-vision')
    const editor = await phoneAt(`/w/${site.workspaceId}/d/${plan.id}`, facilitator)
    await waitEditable(editor)
    await planText(editor).click()
    await editor.keyboard.press('Control+End')
    await editor.keyboard.press('Enter')
    await editor.keyboard.type('Buses every ten minutes on every main road of the city.')
    await waitSaved(editor)
    await expectNoOverflow(editor, 'editor')
    await editor.evaluate(() => window.scrollTo(0, 0))
    await documentPage(editor, 'phone-editor')

    await api(server, 'POST', `/api/documents/${plan.id}/versions`, {
      token: site.token,
      body: { name: 'First draft' },
    })
    await waitEditable(editor)
    await planText(editor).click()
    await editor.keyboard.press('Control+End')
    await editor.keyboard.type(' And trams.')
    await waitSaved(editor)
    await editor.getByRole('tab', { name: 'Versions' }).click()
    await button(editor, 'Compare with current text: “First draft”').click()
    await editor.getByTestId('diff-inline').waitFor()
    await expectNoOverflow(editor, 'comparison')
  })

  it('a session puts the hand and the position in a bar at the bottom, and the agenda on one line', async () => {
    const { budi, session, command } = await workshopWithBudi('Mobility workshop')
    await command({ type: 'stage.advance' })
    const page = await phoneAt(`/w/${site.workspaceId}/s/${session.id}`, {
      workspaceId: site.workspaceId,
      token: budi.token,
    })
    await page.getByTestId('live-status').getByText('Live').waitFor()

    // The bar is on screen at once, and raises and lowers the hand.
    const bar = page.getByRole('region', { name: 'Session actions' })
    expect(await onScreen(button(bar, 'Raise hand'))).toBe(true)
    await button(bar, 'Raise hand').click()
    await page.getByTestId('queue').getByText('Budi Santoso').waitFor()
    await button(bar, 'Lower hand').click()
    await expect.poll(() => page.getByTestId('queue').getByText('Budi Santoso').count()).toBe(0)
    await button(bar, 'Raise hand').click()
    await page.getByTestId('queue').getByText('Budi Santoso').waitFor()
    // Given the floor, the bar says so; the turn ended, the hand is back.
    await command({ type: 'floor.next' })
    await bar.getByText('Your turn to speak').waitFor()
    expect(await button(bar, 'Raise hand').count()).toBe(0)
    await command({ type: 'floor.end' })
    await button(bar, 'Raise hand').waitFor()

    // The agenda shows the current stage only, until asked for all of it.
    const stages = page.locator('.stage')
    await expect.poll(() => stages.filter({ visible: true }).count()).toBe(1)
    expect(await stages.filter({ visible: true }).textContent()).toContain('Context and data')
    await button(page, 'Show all 6 stages').click()
    await expect.poll(() => stages.filter({ visible: true }).count()).toBe(6)
    await button(page, 'Show the current stage only').click()
    await expect.poll(() => stages.filter({ visible: true }).count()).toBe(1)

    // A proposal: the bar leads to the position buttons.
    await command({ type: 'proposal.open', title: 'Bus lanes', text: 'Dedicated bus lanes.' })
    await button(bar, 'Take a position').click()
    await expect.poll(() => onScreen(button(page, 'Agree'))).toBe(true)
    await button(page, 'Agree').click()
    await bar.getByText('Your position: Agree').waitFor()
    await expectNoOverflow(page, 'session')
    expect(await seriousViolations(page)).toEqual([])
    await documentPage(page, 'phone-session', { fullPage: true })
    // The bar stays on screen at the bottom of the page too.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    expect(await onScreen(bar)).toBe(true)
  })

  it('a session in Bahasa Indonesia, with positions tallied, fits the screen, position names running upwards in the tally', async () => {
    const { budi, session, command } = await workshopWithBudi('Lokakarya mobilitas')
    await command({ type: 'proposal.open', title: 'Jalur bus', text: 'Jalur khusus bus.' })
    await command({ type: 'position.take', value: 'agree' }, budi.token)
    const page = await phoneAt(
      `/w/${site.workspaceId}/s/${session.id}`,
      { workspaceId: site.workspaceId, token: budi.token },
      'id-ID',
    )
    // Six longer Indonesian position names side by side once widened the page past 390 px.
    await page.getByTestId('tally').getByText('Dunia usaha').waitFor()
    await expectNoOverflow(page, 'session (id)')
    // The default agenda's stages are in the reader's language too (they are stored in English).
    expect(await page.locator('.stage--current .stage__title').textContent()).toBe('Pembukaan')
    expect(await page.getByText('Opening').count()).toBe(0)
  })

  it('a mediation, an agreement and the public record fit the screen, terms as cards', async () => {
    const scene = await openMediation(server)
    const mediator = { workspaceId: scene.site.workspaceId, token: scene.mediator.token }
    const mediation = await phoneAt(`/w/${scene.site.workspaceId}/s/${scene.session.id}`, mediator)
    await mediation.getByRole('heading', { name: 'Bus depot on Jalan Merdeka' }).waitFor()
    await mediation.getByText('Kota Transit (operator)').first().waitFor()
    await expectNoOverflow(mediation, 'mediation')
    await documentPage(mediation, 'phone-mediation')

    const agreement = await signedByBoth(server, scene, await draftAgreement(server, scene))
    const page = await phoneAt(`/w/${scene.site.workspaceId}/a/${agreement.id}`, {
      workspaceId: scene.site.workspaceId,
      token: scene.budi.token,
    })
    await page.getByLabel('Status of term 1').waitFor()
    await expectNoOverflow(page, 'agreement')
    // Each term is a card: its status control sits under its text, not off to the side.
    const [text, status] = await Promise.all([
      page.getByText('Electric buses charge only').first().boundingBox(),
      page.getByLabel('Status of term 1').boundingBox(),
    ])
    expect(status?.y).toBeGreaterThan((text?.y ?? 0) + (text?.height ?? 0) - 1)
    await documentPage(page, 'phone-agreement', { fullPage: true })

    const publication = await api<Publication>(
      server,
      'PUT',
      `/api/workspaces/${scene.site.workspaceId}/publication`,
      { token: scene.site.token, body: { published: true } },
    )
    const reader = await phoneAt(new URL(publication.url ?? '', server.httpUrl).pathname)
    await reader.getByTestId('verification').getByText('Chain verified').waitFor()
    await expectNoOverflow(reader, 'public record')
    await documentPage(reader, 'phone-public-record')
  })

  it('on a slow network, reloaded mid-load and offline, the session and public record of a decision on a plan fit the screen and verify', async () => {
    const document = await site.document('Transit plan')
    const writer = connectClient(server, document.room, { params: { token: site.token } })
    const reader = connectClient(server, document.room, { params: { token: site.token } })
    await Promise.all([waitForSynced(writer), waitForSynced(reader)])
    const link =
      'https://data.bandung.go.id/dataset/jadwal-bus-trans-metro-bandung-koridor-1-sampai-5-tahun-2030'
    write(writer, [paragraph(text(`Buses every ten minutes, timetable at ${link}.`))])
    await saved(writer, reader)
    const commands = sessionCommands(server, site)
    const { session } = await commands.open('Transit workshop')
    await commands.run(session.id, site.token, {
      type: 'proposal.open',
      title: 'Adopt the transit plan',
      text: 'Adopt the plan as it reads now.',
      documentId: document.id,
    })
    write(writer, [paragraph(text(`Buses every five minutes, timetable at ${link}.`))])
    await saved(writer, reader)

    const budi = await site.join('stakeholder', 'Budi', 'business')
    const phone = await phoneAt(
      `/w/${site.workspaceId}/s/${session.id}`,
      { workspaceId: site.workspaceId, token: budi.token },
      'en-GB',
      slowNetwork,
    )
    await reloadWhileLoading(phone)
    // A link in the plan, too long for the screen, wraps in the difference shown.
    await phone
      .getByTestId('frozen-version')
      .getByText(/The live plan has changed since this version was frozen/)
      .waitFor({ timeout: 60_000 })
    await expectNoOverflow(phone, 'the frozen version and its difference')

    await commands.run(session.id, site.token, { type: 'proposal.close', outcome: 'adopted' })
    const publication = await api<Publication>(
      server,
      'PUT',
      `/api/workspaces/${site.workspaceId}/publication`,
      { token: site.token, body: { published: true, anonymised: false }, expect: 200 },
    )
    const page = await phoneAt(`/p/${publication.publicId}`, undefined, 'en-GB', slowNetwork)
    await reloadWhileLoading(page)
    const check = page.getByTestId('log-check')
    await check.getByText(/Verified in your browser: 1 record/).waitFor({ timeout: 60_000 })
    await page
      .getByTestId('approved-text')
      .getByText(/it matches the record/)
      .waitFor({ timeout: 60_000 })
    await expectNoOverflow(page, 'the public record with the approved text')

    await page.context().setOffline(true)
    await page.reload().catch(() => undefined)
    await page.context().setOffline(false)
    await reloadWhileLoading(page)
    await check
      .getByText(/Verified in your browser: 1 record, consistent with what you saw on/)
      .waitFor({ timeout: 60_000 })
    expect(await page.getByText(/Warning/).count()).toBe(0)
    await Promise.all([phone.context().close(), page.context().close()])
    writer.destroy()
    reader.destroy()
  })
})
