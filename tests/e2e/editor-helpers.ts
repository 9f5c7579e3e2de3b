import type { Page } from 'playwright-core'

/** The plan's text area, as people and screen readers find it. */
export const planText = (page: Page) => page.getByRole('textbox', { name: /^Text of|^Teks/ })

/**
 * Waits until the plan takes typing: the editor turns editable only once its text has arrived,
 * and keys pressed before that go nowhere.
 */
export const waitEditable = (page: Page) =>
  planText(page).and(page.locator('[contenteditable="true"]')).waitFor({ timeout: 30_000 })

/** The connection badge. */
export const badge = (page: Page) => page.locator('output.badge')

/** Waits until the badge says everything is on the server's disk. */
export const waitSaved = (page: Page) =>
  page.locator('output.badge[data-state="saved"]').waitFor({ timeout: 15_000 })

/** Waits until `text` appears in the plan (generous: an offline reload on a busy two-core machine is slow). */
export const waitForText = (page: Page, text: string) =>
  planText(page).getByText(text, { exact: false }).first().waitFor({ timeout: 30_000 })

/** Selects `text` in the plan (a passage within one paragraph) with the mouse-less way. */
export const selectText = async (page: Page, text: string): Promise<void> => {
  await page.evaluate((wanted) => {
    const root = document.querySelector('.plan-text')
    if (!root) throw new Error('no editor')
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const index = node.textContent?.indexOf(wanted) ?? -1
      if (index >= 0) {
        const range = document.createRange()
        range.setStart(node, index)
        range.setEnd(node, index + wanted.length)
        const selection = window.getSelection()
        selection?.removeAllRanges()
        selection?.addRange(range)
        return
      }
    }
    throw new Error(`"${wanted}" is not in the plan`)
  }, text)
}

/** Selects the whole paragraph that contains `text` (it may span several highlighted runs). */
export const selectParagraph = async (page: Page, text: string): Promise<void> => {
  await page.evaluate((wanted) => {
    const paragraph = [...document.querySelectorAll('.plan-text p')].find((p) =>
      p.textContent?.includes(wanted),
    )
    if (!paragraph) throw new Error(`no paragraph with "${wanted}"`)
    const range = document.createRange()
    range.selectNodeContents(paragraph)
    window.getSelection()?.removeAllRanges()
    window.getSelection()?.addRange(range)
  }, text)
}

/** The plan's text as written, without other people's caret labels. */
export const planContent = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const root = document.querySelector('.plan-text')?.cloneNode(true)
    if (!(root instanceof Element)) return ''
    for (const caret of root.querySelectorAll('.collab-caret')) caret.remove()
    return [...root.children].map((block) => block.textContent ?? '').join('\n')
  })

/** Opens a comment thread on `passage` (within one paragraph) and waits until it is shown. */
export const commentOn = async (page: Page, passage: string, text: string): Promise<void> => {
  await selectText(page, passage)
  await page.getByRole('button', { name: 'Comment', exact: true }).click()
  await page.getByLabel('Your comment').fill(text)
  await page.getByRole('button', { name: 'Comment', exact: true }).last().click()
  await page.locator('.comment__text', { hasText: text }).waitFor()
}

/**
 * Puts the caret at the end of the plan and waits until the editor itself holds it there (not
 * only the browser's selection): keys pressed next act at the end.
 */
export const caretToEnd = async (page: Page): Promise<void> => {
  await waitEditable(page)
  await planText(page).click()
  await page.keyboard.press('Control+End')
  await page.waitForFunction(() => {
    // Tiptap keeps its editor on the ProseMirror element.
    const root = document.querySelector('.ProseMirror') as
      | (Element & {
          editor?: {
            state: { selection: { empty: boolean; to: number }; doc: { content: { size: number } } }
          }
        })
      | null
    const state = root?.editor?.state
    return !!state && state.selection.empty && state.selection.to === state.doc.content.size - 1
  })
}
