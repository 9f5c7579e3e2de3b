import type { Browser } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { newPerson } from '../helpers/browser.js'
import { withBrowserSuite } from '../helpers/browser-suite.js'
import type { TestServer } from '../helpers/server.js'

const adminToken = 'admin-token-for-the-workshop-lan'
let server: TestServer
let browser: Browser

withBrowserSuite(
  (suite) => {
    ;({ server, browser } = suite)
  },
  { env: { ADMIN_TOKEN: adminToken } },
)

describe('a server started with ADMIN_TOKEN', () => {
  it('asks for the administrator token in the browser, refuses without it and creates with it', async () => {
    const { page } = await newPerson(browser, server)
    await page.goto('/')
    await page.getByLabel('Workspace name').fill('Surabaya Flood Resilience')
    await page.getByLabel('Your name').fill('Rina')
    await page.getByLabel('Your stakeholder group').selectOption('community')
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.getByText('only the administrator can create workspaces').waitFor()
    expect(page.url()).toBe(`${server.httpUrl}/`)

    await page.getByLabel('Administrator token').fill('not the token')
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.getByText('only the administrator can create workspaces').waitFor()

    await page.getByLabel('Administrator token').fill(adminToken)
    await page.getByRole('button', { name: 'Create workspace' }).click()
    await page.getByRole('heading', { name: 'Surabaya Flood Resilience' }).waitFor()
    expect(await page.evaluate(() => JSON.stringify(window.localStorage))).not.toContain(adminToken)
  })
})
