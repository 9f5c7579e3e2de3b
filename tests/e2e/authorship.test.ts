import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { newPerson, signIn } from '../helpers/browser.js'
import { withBrowserSuite } from '../helpers/browser-suite.js'
import type { TestServer } from '../helpers/server.js'
import { api, type Site } from '../helpers/site.js'
import { caretToEnd, waitEditable, waitForText, waitSaved } from './editor-helpers.js'

let server: TestServer
let browser: Browser
let site: Site

withBrowserSuite((suite) => {
  ;({ server, browser, site } = suite)
})

/** The overlay's passages as `group:text`, in reading order. */
const passages = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    [...document.querySelectorAll('.plan-text .authored')].map(
      (element) => `${element.getAttribute('data-group')}:${element.textContent}`,
    ),
  )

describe('who wrote what, by group', () => {
  it('after three people write, the overlay shows each one’s passage in their group, and the activity sums each clause', async () => {
    const plan = await site.document('Market plan')
    await api(server, 'POST', `/api/documents/${plan.id}/versions`, {
      token: site.token,
      body: { name: 'Empty' },
    })
    const people = [
      { token: site.token, line: 'Government opens the market.' },
      {
        token: (await site.join('stakeholder', 'Budi', 'academia')).token,
        line: 'Academia counts stalls.',
      },
      {
        token: (await site.join('stakeholder', 'Citra', 'business')).token,
        line: 'Business pays rent.',
      },
    ]
    const pages: Page[] = []
    for (const person of people) {
      const { context, page } = await newPerson(browser, server)
      await signIn(context, server, site.workspaceId, person.token)
      await page.goto(`/w/${site.workspaceId}/d/${plan.id}`)
      await waitEditable(page)
      pages.push(page)
    }
    // One after the other, each on a paragraph of their own.
    for (const [index, person] of people.entries()) {
      const page = pages[index] as Page
      if (index > 0) await waitForText(page, people[index - 1]?.line ?? '')
      await caretToEnd(page)
      if (index > 0) await page.keyboard.press('Enter')
      await page.keyboard.type(person.line)
      await waitSaved(page)
    }
    const ayu = pages[0] as Page
    await waitForText(ayu, 'Business pays rent.')
    await ayu.getByRole('button', { name: 'Who wrote what' }).click()
    await ayu.locator('.plan-text .authored').first().waitFor()
    expect(await passages(ayu)).toEqual([
      'government:Government opens the market.',
      'academia:Academia counts stalls.',
      'business:Business pays rent.',
    ])
    expect(await ayu.locator('.plan-text .authored').nth(1).getAttribute('title')).toBe(
      'Written by Budi (Academia)',
    )
    const legend = ayu.getByRole('list', { name: 'Share of the text by stakeholder group' })
    expect(await legend.textContent()).toContain('Government')
    await ayu.getByRole('button', { name: 'Who wrote what' }).click()
    expect(await ayu.locator('.plan-text .authored').count()).toBe(0)

    await ayu.getByRole('tab', { name: 'Versions' }).click()
    const clauses = ayu.getByTestId('clause-authorship').getByRole('listitem')
    await clauses.first().waitFor()
    expect(await clauses.allTextContents()).toEqual([
      'Government opens the market.Government 100%',
      'Academia counts stalls.Academia 100%',
      'Business pays rent.Business 100%',
    ])

    // The comparison with the empty plan says which group wrote each added clause.
    await ayu.getByRole('button', { name: 'Compare with current text: “Empty”' }).click()
    const compare = ayu.getByTestId('compare')
    await compare.getByTestId('diff-inline').waitFor()
    await compare.getByRole('button', { name: 'Who wrote what' }).click()
    await compare.locator('.clause-list__groups').nth(2).waitFor()
    expect(await compare.locator('.clause-list__groups').allTextContents()).toEqual([
      'Written byGovernment 100%',
      'Written byAcademia 100%',
      'Written byBusiness 100%',
    ])
    await Promise.all(pages.map((page) => page.context().close()))
  })
})
