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

/** Which part of the plan to select: a passage within one paragraph, or that paragraph whole. */
type Wanted = { text: string; whole: boolean }

/**
 * Selects in the browser, the mouse-less way, then waits until the editor itself holds that
 * selection. ProseMirror reads the browser's selection on a later `selectionchange`, and on
 * focus it may put its own old selection back: a key pressed before it agrees acts elsewhere (a
 * bold toggled on an empty selection makes what is typed next bold). So it sets it again until
 * the editor agrees.
 */
const select = (page: Page, wanted: Wanted): Promise<void> =>
  page.evaluate(async ({ text, whole }) => {
    type View = { posAtDOM: (node: Node, offset: number) => number }
    type Selection = { from: number; to: number }
    // Tiptap keeps its editor on the ProseMirror element.
    const root = document.querySelector('.plan-text') as
      | (HTMLElement & { editor?: { view: View; state: { selection: Selection } } })
      | null
    const editor = root?.editor
    if (!root || !editor) throw new Error('no editor')
    const range = document.createRange()
    if (whole) {
      const paragraph = [...root.querySelectorAll('p')].find((p) => p.textContent?.includes(text))
      if (!paragraph) throw new Error(`no paragraph with "${text}"`)
      range.selectNodeContents(paragraph)
    } else {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
      let found = false
      for (let node = walker.nextNode(); node && !found; node = walker.nextNode()) {
        const index = node.textContent?.indexOf(text) ?? -1
        if (index < 0) continue
        range.setStart(node, index)
        range.setEnd(node, index + text.length)
        found = true
      }
      if (!found) throw new Error(`"${text}" is not in the plan`)
    }
    const from = editor.view.posAtDOM(range.startContainer, range.startOffset)
    const to = editor.view.posAtDOM(range.endContainer, range.endOffset)
    for (let attempt = 0; attempt < 20; attempt++) {
      root.focus()
      window.getSelection()?.removeAllRanges()
      window.getSelection()?.addRange(range.cloneRange())
      for (let wait = 0; wait < 10; wait++) {
        await new Promise((resolve) => setTimeout(resolve, 25))
        const held = editor.state.selection
        if (held.from === from && held.to === to) return
      }
    }
    throw new Error(`the editor did not take the selection of "${text}"`)
  }, wanted)

/** Selects `text` in the plan (a passage within one paragraph). */
export const selectText = (page: Page, text: string): Promise<void> =>
  select(page, { text, whole: false })

/** Selects the whole paragraph that contains `text` (it may span several highlighted runs). */
export const selectParagraph = (page: Page, text: string): Promise<void> =>
  select(page, { text, whole: true })

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
