import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, seriousViolations } from '../helpers/browser.js'
import { type IdentityProvider, startIdentityProvider } from '../helpers/identity-provider.js'
import { removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'

let provider: IdentityProvider
let server: TestServer
let browser: Browser
let site: Site

beforeAll(async () => {
  provider = await startIdentityProvider('Bandung City ID')
  ;[server, browser] = await Promise.all([startServer({ env: provider.env }), launchBrowser()])
  provider.register(`${server.httpUrl}/api/sign-in/callback`)
  site = await Site.open(server)
  await api(server, 'PUT', `/api/workspaces/${site.workspaceId}/sign-in`, {
    token: site.token,
    body: { accepted: true },
  })
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await provider?.close()
  await removeDataDirs()
})

/** A fresh phone-sized profile (390×844) in `locale`. */
const phone = async (locale = 'en-GB') => {
  const context = await browser.newContext({
    baseURL: server.httpUrl,
    locale,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  })
  // The development login page imports a web font; the tests' network is closed.
  await context.route(/fonts\.googleapis\.com/, (route) => route.abort())
  return { context, page: await context.newPage() }
}

/** At the provider's login form: signs in as `login` (any password). */
const logInAtProvider = async (page: Page, login: string) => {
  await page.waitForURL((url) => url.href.startsWith(provider.issuer))
  await page.locator('input[name="login"]').fill(login)
  await page.locator('input[name="password"]').fill('any password')
  await page.locator('button[type="submit"]').click()
}

const me = (page: Page) =>
  page.evaluate(async (workspaceId) => {
    const response = await fetch(`/api/workspaces/${workspaceId}/me`)
    return (await response.json()) as { participant: { id: string; role: string; group: string } }
  }, site.workspaceId)

const invite = async (role: string, group: string) =>
  (
    await api<{ invite: { code: string } }>(
      server,
      'POST',
      `/api/workspaces/${site.workspaceId}/invites`,
      { token: site.token, body: { role, group } },
    )
  ).invite.code

describe('sign-in with the organisation’s identity provider, in a browser', () => {
  /** Who joined by signing in, for the test that comes back as them. */
  let joined: { id: string; role: string; group: string } | undefined

  it('joins through an invite by signing in, with the invite’s role and group', async () => {
    const code = await invite('commenter', 'media')
    const { context, page } = await phone()
    await page.goto(`/join/${code}`)
    const button = page.getByRole('button', { name: 'Sign in with Bandung City ID' })
    await button.waitFor()
    // The invite's own way stays beside it.
    await page.getByRole('button', { name: 'Join', exact: true }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await button.click()
    await logInAtProvider(page, 'rina')
    await page.waitForURL(`${server.httpUrl}/w/${site.workspaceId}`)
    await page.getByText('You are rina (Bandung City ID), commenter').waitFor()
    joined = (await me(page)).participant
    expect(joined).toMatchObject({ role: 'commenter', group: 'media' })
    await context.close()
  })

  it('comes back as the same participant from another browser, by signing in on the workspace page', async () => {
    if (!joined) throw new Error('the joining test did not run')
    const { context, page } = await phone()
    await page.goto(`/w/${site.workspaceId}`)
    const again = page.getByRole('button', { name: 'Sign in with Bandung City ID' })
    await again.waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await again.click()
    await logInAtProvider(page, 'rina')
    await page.waitForURL(`${server.httpUrl}/w/${site.workspaceId}`)
    await page.getByText('You are rina (Bandung City ID), commenter').waitFor()
    expect((await me(page)).participant).toEqual(joined)
    await context.close()
  })

  it('someone without an invite is told why they are not admitted, in English and Indonesian', async () => {
    const { context, page } = await phone()
    await page.goto(`/w/${site.workspaceId}`)
    await page.getByRole('button', { name: 'Sign in with Bandung City ID' }).click()
    await logInAtProvider(page, 'stranger')
    await page.waitForURL(`${server.httpUrl}/sign-in/failed/no_invite`)
    await page.getByRole('heading', { name: 'You are not signed in' }).waitFor()
    await page.getByText('you have not joined this workspace').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await context.close()

    const indonesian = await phone('id-ID')
    await indonesian.page.goto('/sign-in/failed/no_invite')
    await indonesian.page.getByRole('heading', { name: 'Anda belum masuk' }).waitFor()
    await indonesian.page.getByText('belum bergabung dengan ruang kerja ini').waitFor()
    expect(await seriousViolations(indonesian.page)).toEqual([])
    await indonesian.context.close()
  })

  it('the join page offers the sign-in in Indonesian too, and a facilitator finds the switch', async () => {
    const code = await invite('stakeholder', 'community')
    const { context, page } = await phone('id-ID')
    await page.goto(`/join/${code}`)
    await page.getByRole('button', { name: 'Masuk dengan Bandung City ID' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])

    await context.addCookies([
      {
        name: `mufakat_${site.workspaceId}`,
        value: site.token,
        url: server.httpUrl,
        httpOnly: true,
        sameSite: 'Strict',
      },
    ])
    await page.goto(`/w/${site.workspaceId}`)
    const accepted = page.getByRole('checkbox', { name: 'Terima masuk dengan Bandung City ID' })
    await accepted.waitFor()
    expect(await accepted.isChecked()).toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    await context.close()
  })
})
