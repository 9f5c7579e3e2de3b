import { describe, expect, it } from 'vitest'
import { ClosingPages } from '../../server/src/domain/sessions-and-decisions/closing-pages.js'
import { waitFor } from '../helpers/wait.js'

const graceMs = 20

/**
 * A leave sent as a page closes waits for the page to come back. In a cluster a page on another
 * node is seen through its presence, renewed every 15 s: one last renewed before the leave may
 * be a page of a node that died (killed), whose presence times out; it is looked at again.
 */
describe('leaves of closing pages', () => {
  /** Schedules a leave; `seen` answers each look (the time a page was last seen, or none). */
  const closing = (seen: (look: number) => number | undefined) => {
    let looks = 0
    let left = 0
    const pages = new ClosingPages(graceMs, async () => seen(++looks))
    pages.schedule('s1', 'session:s1', 'p1', async () => {
      left += 1
    })
    return { pages, looks: () => looks, left: () => left }
  }

  it('leaves once a page seen only before the leave (a dead node’s) is gone, not at the first look', async () => {
    const before = Date.now() - 10_000
    const stale = closing((look) => (look < 4 ? before : undefined))
    await waitFor(() => stale.left() === 1, 'the leave once the stale presence is gone')
    expect(stale.looks()).toBe(4)
  })

  it('does not leave when the page seen before the leave is renewed after it; nor after a join', async () => {
    const before = Date.now() - 10_000
    const renewed = closing((look) => (look < 3 ? before : Date.now()))
    await waitFor(() => renewed.looks() === 3, 'the third look')
    const rejoined = closing(() => before)
    await waitFor(() => rejoined.looks() === 2, 'two looks')
    rejoined.pages.cancel('s1', 'p1')
    await new Promise((resolve) => setTimeout(resolve, graceMs * 5))
    expect(renewed.looks()).toBe(3)
    expect(renewed.left()).toBe(0)
    expect(rejoined.left()).toBe(0)
  })
})
