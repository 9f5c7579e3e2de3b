import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { newPerson, seriousViolations, signIn } from '../helpers/browser.js'
import { withBrowserSuite } from '../helpers/browser-suite.js'
import type { TestServer } from '../helpers/server.js'
import type { Site } from '../helpers/site.js'
import {
  caretToEnd,
  planContent,
  selectText,
  waitEditable,
  waitForText,
  waitSaved,
} from './editor-helpers.js'

let server: TestServer
let browser: Browser
let site: Site

withBrowserSuite((suite) => {
  ;({ server, browser, site } = suite)
})

/** Opens a plan as someone new to the browser; the facilitator unless a token is given. */
const open = async (documentId: string, token = site.token, locale?: string) => {
  const person = await newPerson(browser, server, locale ? { locale } : {})
  await signIn(person.context, server, site.workspaceId, token)
  await person.page.goto(`/w/${site.workspaceId}/d/${documentId}`)
  await waitEditable(person.page)
  return person
}

const suggesting = (page: Page, name = 'Suggest changes') =>
  page.getByRole('button', { name, exact: true })

/** Turns suggesting on and waits until the editor is in it, so no keystroke lands before. */
const startSuggesting = async (page: Page, name?: string): Promise<void> => {
  await suggesting(page, name).click()
  await expect.poll(() => suggesting(page, name).getAttribute('aria-pressed')).toBe('true')
}

/**
 * The plan's text runs as the editor holds them: suggested insertions as `+text`, suggested
 * deletions as `-text` (read from the editor, so other people's caret labels are not in it).
 */
const marked = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const root = document.querySelector('.ProseMirror') as
      | (Element & { editor?: { getJSON: () => unknown } })
      | null
    type Json = { text?: string; marks?: { type: string }[]; content?: Json[] }
    const runs: string[] = []
    const walk = (node: Json) => {
      const kinds = (node.marks ?? []).map((mark) => mark.type)
      if (node.text !== undefined) {
        const sign = kinds.includes('suggestionInsert')
          ? '+'
          : kinds.includes('suggestionDelete')
            ? '-'
            : ''
        const last = runs.at(-1)
        if (sign && last?.startsWith(sign)) runs[runs.length - 1] = last + node.text
        else if (sign) runs.push(sign + node.text)
        else runs.push('')
      }
      for (const child of node.content ?? []) walk(child)
    }
    walk(root?.editor?.getJSON() as Json)
    return runs.filter(Boolean)
  })

describe('suggesting changes on the plan', () => {
  it('a suggestion shows inline with its author and group, and writers accept or reject it one by one or all from a person', async () => {
    const plan = await site.document('Parks plan')
    const ayu = await open(plan.id)
    await caretToEnd(ayu.page)
    await ayu.page.keyboard.type('The city builds ten parks by 2030.')
    await waitSaved(ayu.page)
    const budi = await open(plan.id, (await site.join('stakeholder', 'Budi', 'academia')).token)
    await waitForText(budi.page, 'ten parks')

    await suggesting(budi.page).click()
    expect(await suggesting(budi.page).getAttribute('aria-pressed')).toBe('true')
    await selectText(budi.page, 'ten')
    await budi.page.keyboard.type('five')
    await caretToEnd(budi.page)
    await budi.page.keyboard.press('Backspace')
    await budi.page.keyboard.type('!')
    await waitSaved(budi.page)
    // The old wording stays until accepted, the new one is added beside it; after a backspace
    // the caret is before the struck-out text, so what is typed next goes there.
    expect(await marked(budi.page)).toEqual(['-ten', '+five', '+!', '-.'])
    await ayu.page.waitForFunction(
      () => document.querySelectorAll('.plan-text ins.suggestion').length === 2,
    )
    expect(await marked(ayu.page)).toEqual(['-ten', '+five', '+!', '-.'])
    const insertion = ayu.page.locator('.plan-text ins.suggestion').first()
    expect(await insertion.getAttribute('data-author-name')).toBe('Budi')
    expect(await insertion.getAttribute('data-group')).toBe('academia')

    await ayu.page.getByRole('tab', { name: 'Suggestions' }).click()
    const panel = ayu.page.getByRole('region', { name: 'Suggestions' })
    await panel.getByRole('heading', { name: 'Budi (Academia)' }).waitFor()
    await panel.getByRole('button', { name: 'Reject: Add “!”' }).click()
    await panel.getByRole('button', { name: 'Reject: Remove “.”' }).click()
    expect(await marked(ayu.page)).toEqual(['-ten', '+five'])
    await panel.getByRole('button', { name: 'Accept all from Budi' }).click()
    expect(await marked(ayu.page)).toEqual([])
    await waitSaved(ayu.page)
    await budi.page.waitForFunction(() => !document.querySelector('.plan-text .suggestion'))
    expect(await planContent(budi.page)).toBe('The city builds five parks by 2030.')
    expect(await planContent(ayu.page)).toBe('The city builds five parks by 2030.')

    // A pasted line is a suggestion too.
    await caretToEnd(budi.page)
    await budi.page.evaluate(() => {
      const data = new DataTransfer()
      data.setData('text/html', '<p>Shaded ones.</p>')
      data.setData('text/plain', 'Shaded ones.')
      document
        .querySelector('.ProseMirror')
        ?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }))
    })
    expect(await marked(budi.page)).toEqual(['+Shaded ones.'])
    // A paragraph of suggested words alone: rejected, it goes whole, leaving no empty line.
    await caretToEnd(budi.page)
    await budi.page.keyboard.press('Enter')
    await budi.page.keyboard.type('More trees.')
    await waitSaved(budi.page)
    const blocks = (page: Page) =>
      page.evaluate(
        () =>
          (
            document.querySelector('.ProseMirror') as Element & {
              editor: { state: { doc: { childCount: number } } }
            }
          ).editor.state.doc.childCount,
      )
    await expect.poll(() => blocks(ayu.page)).toBe(2)
    await panel.getByRole('button', { name: 'Reject: Add “More trees.”' }).click()
    expect(await blocks(ayu.page)).toBe(1)
    await waitSaved(ayu.page)
    await expect.poll(() => blocks(budi.page)).toBe(1)
    expect(await marked(budi.page)).toEqual(['+Shaded ones.'])
    await Promise.all([ayu.context.close(), budi.context.close()])
  })

  it('suggestions made offline merge with edits made meanwhile and survive a reload', async () => {
    const plan = await site.document('Transit plan')
    const ayu = await open(plan.id)
    await caretToEnd(ayu.page)
    await ayu.page.keyboard.type('Buses every ten minutes.')
    await waitSaved(ayu.page)
    const citra = await open(plan.id, (await site.join('stakeholder', 'Citra', 'business')).token)
    await waitForText(citra.page, 'ten minutes')

    await citra.context.setOffline(true)
    await citra.page.locator('output.badge[data-state="offline"]').waitFor()
    await startSuggesting(citra.page)
    await selectText(citra.page, 'ten')
    await citra.page.keyboard.type('five')
    // Meanwhile Ayu, online, writes on.
    await caretToEnd(ayu.page)
    await ayu.page.keyboard.type(' Trams at night.')
    await waitSaved(ayu.page)

    await citra.context.setOffline(false)
    await waitSaved(citra.page)
    await waitForText(citra.page, 'Trams at night.')
    await ayu.page.waitForFunction(() => document.querySelector('.plan-text ins.suggestion'))
    expect(await marked(ayu.page)).toEqual(['-ten', '+five'])
    expect(await planContent(ayu.page)).toBe('Buses every tenfive minutes. Trams at night.')
    await ayu.page.reload()
    await waitForText(ayu.page, 'Trams at night.')
    expect(await marked(ayu.page)).toEqual(['-ten', '+five'])
    await Promise.all([ayu.context.close(), citra.context.close()])
  })

  it('suggestions and who wrote what are in Bahasa Indonesia, axe-clean and fits a 390×844 phone', async () => {
    const plan = await site.document('Rencana taman')
    const context = await browser.newContext({
      baseURL: server.httpUrl,
      locale: 'id-ID',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    })
    await signIn(context, server, site.workspaceId, site.token)
    const page = await context.newPage()
    await page.goto(`/w/${site.workspaceId}/d/${plan.id}`)
    await waitEditable(page)
    await caretToEnd(page)
    await page.keyboard.type('Taman kota.')
    await startSuggesting(page, 'Sarankan perubahan')
    await page.keyboard.type(' Taman baru.')
    await page.getByRole('tab', { name: 'Saran' }).click()
    await page.getByRole('button', { name: 'Terima: Tambah “ Taman baru.”' }).waitFor()
    await page.getByRole('button', { name: 'Siapa menulis apa' }).click()
    await page.locator('.plan-text .authored').first().waitFor()
    expect(await seriousViolations(page)).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390)
    await context.close()
  })
})
