import type { Page } from 'playwright-core'

/** Token k is typed as "q<k, 3 digits>z ": its last keystroke is the "z". */
export const probeToken = (k: number): string => `q${String(k).padStart(3, '0')}z `

// The page-side scripts are plain strings: the bench's own TypeScript has no DOM types.
// Times are epoch ms (timeOrigin + now), comparable across the pages of one machine.

/** Records when each "z" goes down on the typist's page, in order. */
const WATCH_KEYSTROKES = `(() => {
  window.__keystrokes = []
  document.addEventListener('keydown', (event) => {
    if (event.key === 'z') window.__keystrokes.push(performance.timeOrigin + performance.now())
  }, { capture: true })
})()`

/**
 * Records when each token first shows in the plan on an observer's page: a mutation that
 * brings it in is stamped at the next animation frame, when the browser is about to paint.
 */
const WATCH_RENDERS = `(() => {
  const rendered = {}
  const mutated = {}
  window.__rendered = rendered
  window.__mutated = mutated
  const root = document.querySelector('.plan-text')
  if (root === null) throw new Error('no plan text')
  new MutationObserver(() => {
    const fresh = [...(root.textContent ?? '').matchAll(/q(\\d{3})z/g)]
      .map((m) => m[1])
      .filter((k) => !(k in rendered))
    if (fresh.length === 0) return
    const seen = performance.timeOrigin + performance.now()
    for (const k of fresh) {
      rendered[k] = -1
      mutated[k] = seen
    }
    requestAnimationFrame(() => {
      const at = performance.timeOrigin + performance.now()
      for (const k of fresh) rendered[k] = at
    })
  }).observe(root, { subtree: true, childList: true, characterData: true })
})()`

export const watchKeystrokes = async (page: Page): Promise<void> => {
  await page.evaluate(WATCH_KEYSTROKES)
}

export const watchRenders = async (page: Page): Promise<void> => {
  await page.evaluate(WATCH_RENDERS)
}

export const keystrokesOf = (page: Page): Promise<number[]> =>
  page.evaluate('window.__keystrokes ?? []') as Promise<number[]>

/** Paint time of each token by its number ("007"); -1 while its frame is pending. */
export const rendersOf = (page: Page): Promise<Record<string, number>> =>
  page.evaluate('window.__rendered ?? {}') as Promise<Record<string, number>>

/** When each token reached the page's DOM (before its frame), by number. */
export const mutationsOf = (page: Page): Promise<Record<string, number>> =>
  page.evaluate('window.__mutated ?? {}') as Promise<Record<string, number>>

/** Other people's carets this page draws. */
export const caretsOn = (page: Page): Promise<number> =>
  page.evaluate("document.querySelectorAll('.collab-caret').length") as Promise<number>
