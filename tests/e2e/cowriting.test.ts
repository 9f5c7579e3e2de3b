import * as decoding from 'lib0/decoding'
import type { Browser, BrowserContext, WebSocketRoute } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import type { Role, StakeholderGroup } from '../../shared/src/schema/people.js'
import { newPerson, signIn } from '../helpers/browser.js'
import { withBrowserSuite } from '../helpers/browser-suite.js'
import type { TestServer } from '../helpers/server.js'
import type { Site } from '../helpers/site.js'
import {
  badge,
  planContent,
  planText,
  selectParagraph,
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

/**
 * A person with `role` who has the document open in their own browser profile; `before` runs
 * on their browser before the page opens (e.g. to route its sockets).
 */
const openAs = async (
  documentId: string,
  who: { role: Role; name: string; group?: StakeholderGroup } | 'facilitator',
  before?: (context: BrowserContext) => Promise<void>,
) => {
  const person = await newPerson(browser, server)
  const token =
    who === 'facilitator' ? site.token : (await site.join(who.role, who.name, who.group)).token
  await signIn(person.context, server, site.workspaceId, token)
  await before?.(person.context)
  await person.page.goto(`/w/${site.workspaceId}/d/${documentId}`)
  await planText(person.page).waitFor()
  return person
}

/** Ayu (facilitator) and Budi (business) in a new plan: Ayu writes `first`, Budi then clicks in. */
const ayuWritesFirst = async (
  title: string,
  first: string,
  beforeBudi?: (context: BrowserContext) => Promise<void>,
) => {
  const plan = await site.document(title)
  const ayu = await openAs(plan.id, 'facilitator')
  const budi = await openAs(
    plan.id,
    { role: 'stakeholder', name: 'Budi', group: 'business' },
    beforeBudi,
  )
  await waitEditable(ayu.page)
  await planText(ayu.page).click()
  await ayu.page.keyboard.type(first)
  await waitForText(budi.page, first)
  await waitEditable(budi.page)
  await planText(budi.page).click()
  return { ayu, budi }
}

/** How many states in a y-websocket awareness message (type 1) carry user `name`. */
const statesNamed = (message: Uint8Array, name: string): number => {
  const outer = decoding.createDecoder(message)
  if (decoding.readVarUint(outer) !== 1) return 0
  const update = decoding.createDecoder(decoding.readVarUint8Array(outer))
  let named = 0
  for (let n = decoding.readVarUint(update); n > 0; n -= 1) {
    decoding.readVarUint(update) // client id
    decoding.readVarUint(update) // clock
    const state = JSON.parse(decoding.readVarString(update)) as { user?: { name?: string } } | null
    if (state?.user?.name === name) named += 1
  }
  return named
}

describe('co-writing in the browser', () => {
  it("two people type into the same document; each sees the other's text and named caret", async () => {
    const { ayu, budi } = await ayuWritesFirst('Shared vision', 'Ayu writes about mobility.')
    await budi.page.keyboard.press('End')
    await budi.page.keyboard.press('Enter')
    await budi.page.keyboard.type('Budi adds transit.')
    await waitForText(ayu.page, 'Budi adds transit.')

    // Each sees the other's caret, labelled with their name, coloured by group.
    await ayu.page.locator('.collab-caret.group-business', { hasText: 'Budi' }).waitFor()
    await budi.page.locator('.collab-caret.group-government', { hasText: 'Fasilitator' }).waitFor()
    // Both in the presence bar.
    await budi.page.getByRole('list', { name: 'Here now' }).getByText('Fasilitator').waitFor()
    await waitSaved(ayu.page)
    await waitSaved(budi.page)
    expect(await badge(budi.page).textContent()).toContain('Connected and saved')
    await Promise.all([ayu.context.close(), budi.context.close()])
  })

  it('a commenter comments and cannot type; an observer sees it live and cannot type', async () => {
    const plan = await site.document('Review me')
    const writer = await openAs(plan.id, 'facilitator')
    await waitEditable(writer.page)
    await planText(writer.page).click()
    await writer.page.keyboard.type('Bus lanes on every main road.')
    await waitSaved(writer.page)

    const citra = await openAs(plan.id, { role: 'commenter', name: 'Citra' })
    const dewi = await openAs(plan.id, { role: 'observer', name: 'Dewi', group: 'media' })
    await waitForText(citra.page, 'Bus lanes')
    await citra.page.getByText('you can comment on any passage, but not edit the text').waitFor()
    await dewi.page.getByText('cannot edit or comment').waitFor()
    expect(await planText(citra.page).getAttribute('contenteditable')).toBe('false')
    expect(await planText(dewi.page).getAttribute('contenteditable')).toBe('false')

    // Typing does nothing for them.
    await planText(citra.page).click()
    await citra.page.keyboard.type('sneaky')
    expect(await planText(citra.page).textContent()).not.toContain('sneaky')

    // The commenter comments on a passage.
    await selectText(citra.page, 'every main road')
    await citra.page.getByRole('button', { name: 'Comment', exact: true }).click()
    await citra.page.getByLabel('Your comment').fill('Which roads exactly?')
    await citra.page.getByRole('button', { name: 'Comment', exact: true }).last().click()
    await citra.page.locator('.comment__text', { hasText: 'Which roads exactly?' }).waitFor()

    // The writer and the observer see the thread and the highlighted passage live.
    for (const page of [writer.page, dewi.page]) {
      await page.locator('.comment__text', { hasText: 'Which roads exactly?' }).waitFor()
      await page.locator('.comment-highlight', { hasText: 'every main road' }).waitFor()
    }
    // The observer has no way to comment.
    expect(await dewi.page.getByRole('button', { name: 'Reply' }).count()).toBe(0)

    // Writing continues and the observer follows live.
    await writer.page.keyboard.type(' And safe bike paths.')
    await waitForText(dewi.page, 'And safe bike paths.')
    await Promise.all([writer.context.close(), citra.context.close(), dewi.context.close()])
  })

  it('a thread stays anchored to its passage while others edit around it', async () => {
    const plan = await site.document('Anchors')
    const ayu = await openAs(plan.id, 'facilitator')
    const budi = await openAs(plan.id, { role: 'stakeholder', name: 'Budi' })
    await waitEditable(ayu.page)
    await planText(ayu.page).click()
    await ayu.page.keyboard.type('First paragraph.')
    await ayu.page.keyboard.press('Enter')
    await ayu.page.keyboard.type('Green corridors along the river.')
    await ayu.page.keyboard.press('Enter')
    await ayu.page.keyboard.type('Last paragraph.')
    await waitForText(budi.page, 'Last paragraph.')

    await selectText(ayu.page, 'corridors along')
    await ayu.page.getByRole('button', { name: 'Comment', exact: true }).click()
    await ayu.page.getByLabel('Your comment').fill('Include the canals?')
    await ayu.page.getByRole('button', { name: 'Comment', exact: true }).last().click()
    await budi.page.locator('.comment-highlight', { hasText: 'corridors along' }).waitFor()

    // Budi types before the passage, in the same paragraph, and inside other paragraphs.
    await waitEditable(budi.page)
    await planText(budi.page).click()
    await budi.page.keyboard.press('Control+Home')
    await budi.page.keyboard.press('ArrowDown')
    await budi.page.keyboard.press('Home')
    await budi.page.keyboard.type('Wide ')
    await budi.page.keyboard.press('Control+Home')
    await budi.page.keyboard.type('Intro. ')
    await budi.page.keyboard.press('Control+End')
    await budi.page.keyboard.type(' The end.')
    await waitForText(ayu.page, 'The end.')

    for (const page of [ayu.page, budi.page]) {
      await page
        .locator('.plan-text p', { hasText: 'Wide Green corridors along the river.' })
        .waitFor()
      await page.locator('.plan-text p', { hasText: 'Intro. First paragraph.' }).waitFor()
      const highlighted = await page.locator('.comment-highlight').allTextContents()
      expect(highlighted.join('')).toBe('corridors along')
    }

    // Deleting the passage orphans the thread; it stays visible, marked as such.
    await selectParagraph(budi.page, 'Wide Green corridors')
    await budi.page.keyboard.press('Backspace')
    await ayu.page.getByText('The passage was deleted').waitFor()
    await ayu.page.locator('.comment__text', { hasText: 'Include the canals?' }).waitFor()
    expect(await ayu.page.locator('.comment-highlight').count()).toBe(0)
    await Promise.all([ayu.context.close(), budi.context.close()])
  })

  it('a caret that does not move is not sent again while someone else types', async () => {
    const { ayu, budi } = await ayuWritesFirst('Quiet carets', 'Ayu starts.')
    // Budi's caret rests at the start of the text, before anything Ayu types next.
    await budi.page.keyboard.press('Control+Home')
    await ayu.page.locator('.collab-caret.group-business', { hasText: 'Budi' }).waitFor()

    // Budi's own awareness states that Budi's page sends from now on (y-websocket also
    // relays everyone else's back to the server, which drops them: not counted here).
    let sent = 0
    const client = await budi.context.newCDPSession(budi.page)
    await client.send('Network.enable')
    client.on('Network.webSocketFrameSent', ({ response }) => {
      // Binary frames (opcode 2) come base64-encoded.
      if (response.opcode !== 2) return
      sent += statesNamed(Buffer.from(response.payloadData, 'base64'), 'Budi')
    })
    const typed = ' Ayu adds a second sentence, one key at a time.'
    await ayu.page.keyboard.type(typed, { delay: 20 })
    await waitForText(budi.page, typed.trim())
    await budi.page.keyboard.type('B')
    await expect.poll(() => planContent(ayu.page), { timeout: 30_000 }).toContain('BAyu starts.')
    // A renewal of Budi's state may fall inside (every 15 s); one per remote edit, as
    // y-prosemirror sends by itself, would be dozens. Budi's own key still sends the caret.
    expect(sent).toBeGreaterThanOrEqual(1)
    expect(sent).toBeLessThanOrEqual(3)
    await Promise.all([ayu.context.close(), budi.context.close()])
  })

  it('a caret comes back as soon as its socket does after a network blip', async () => {
    // Budi's sockets pass through here, so the network can drop between his page and the server.
    let down = false
    const open: WebSocketRoute[] = []
    const { ayu, budi } = await ayuWritesFirst('Blip', 'Ayu starts.', (context) =>
      context.routeWebSocket(/\/sync\//, (socket) => {
        if (down) return void socket.close()
        open.push(socket, socket.connectToServer())
      }),
    )
    const budisCaret = ayu.page.locator('.collab-caret.group-business', { hasText: 'Budi' })
    await budi.page.keyboard.press('Control+Home')
    await budisCaret.waitFor()

    // The caret just moved, so the state's periodic renewal (every 15 s) is far off.
    await budi.page.keyboard.press('End')
    down = true
    for (const end of open.splice(0)) await end.close()
    // The server lets Budi's presence go with his socket.
    await budisCaret.waitFor({ state: 'detached', timeout: 15_000 })
    down = false
    // His page reconnects within its backoff (≤ 2.5 s) and announces his state anew; sent at
    // the clock the server last saw, it would be ignored until the renewal.
    await budisCaret.waitFor({ timeout: 6000 })
    await Promise.all([ayu.context.close(), budi.context.close()])
  })
})
