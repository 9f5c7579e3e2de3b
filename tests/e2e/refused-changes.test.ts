import type { Browser, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { firstBackoffMs } from '../../client/src/sync/jittered-reconnect.js'
import { addThread, commentsRootName } from '../../shared/src/ydoc/comments.js'
import { newPerson, signIn } from '../helpers/browser.js'
import { withBrowserSuite } from '../helpers/browser-suite.js'
import { readRoom } from '../helpers/clients.js'
import type { TestServer } from '../helpers/server.js'
import type { Site } from '../helpers/site.js'
import { expectQuiet } from '../helpers/wait.js'
import { badge, planText, waitEditable, waitForText, waitSaved } from './editor-helpers.js'

let server: TestServer
let browser: Browser
let site: Site

withBrowserSuite((suite) => {
  ;({ server, browser, site } = suite)
})

/** A Yjs update that opens a comment thread in the name of someone who is not the sender. */
const threadInSomeoneElsesName = (): number[] => {
  const doc = new Y.Doc()
  const createdAt = new Date().toISOString()
  addThread(
    doc,
    {
      id: 'left-behind',
      anchorStart: Uint8Array.of(0),
      anchorEnd: Uint8Array.of(0),
      quote: 'a passage',
      createdAt,
      createdBy: 'someone-else',
    },
    {
      id: 'left-behind-1',
      authorId: 'someone-else',
      authorName: 'Someone else',
      authorGroup: 'citizen',
      text: 'Written by the previous user of this browser.',
      createdAt,
    },
  )
  return [...Y.encodeStateAsUpdate(doc)]
}

/**
 * Adds an update to the copy y-indexeddb keeps of `room` on this device (a database named after
 * the room, its updates in the `updates` store), as if this browser had made it and not sent it.
 * The page must be on the app's origin, with the room not open.
 */
const keepUnsent = (page: Page, room: string, update: number[]) =>
  page.evaluate(
    ({ room, update }) =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open(room)
        request.onerror = () => reject(request.error)
        request.onsuccess = () => {
          const db = request.result
          const transaction = db.transaction('updates', 'readwrite')
          transaction.objectStore('updates').add(Uint8Array.from(update))
          transaction.oncomplete = () => {
            db.close()
            resolve()
          }
          transaction.onerror = () => reject(transaction.error)
        }
      }),
    { room, update },
  )

describe('changes the server refuses', () => {
  it('a device whose copy holds a comment in someone else’s name stops retrying, says so, and can discard it', async () => {
    const document = await site.document('Shared laptop')
    const { token } = await site.join('stakeholder', 'Budi')
    const budi = await newPerson(browser, server)
    await signIn(budi.context, server, site.workspaceId, token)
    const path = `/w/${site.workspaceId}/d/${document.id}`
    await budi.page.goto(path)
    await waitSaved(budi.page)

    // Someone else's unsent comment, left in this browser's copy of the comments room.
    await budi.page.goto(`/w/${site.workspaceId}`)
    await keepUnsent(budi.page, document.commentsRoom, threadInSomeoneElsesName())

    const sockets: string[] = []
    budi.page.on('websocket', (socket) => {
      if (decodeURIComponent(socket.url()).endsWith(`/${document.commentsRoom}`)) {
        sockets.push(socket.url())
      }
    })
    await budi.page.goto(path)
    const notice = budi.page.getByRole('alert')
    await notice.getByText('The server refused changes made on this device').waitFor()
    const discard = budi.page.getByRole('button', { name: "Discard this device's unsent changes" })
    await discard.waitFor()

    // It stopped: no more sockets to that room while the notice is up. A client still retrying
    // would open one within firstBackoffMs of the refusal; three times that, it surely would.
    const seen = sockets.length
    await expectQuiet(
      3 * firstBackoffMs,
      'a retrying client reconnects within firstBackoffMs',
      () => sockets.length === seen,
    )
    expect(sockets.length).toBeLessThanOrEqual(3)
    // The server never took the thread.
    const stored = await readRoom(
      server,
      document.commentsRoom,
      { maps: [commentsRootName] },
      token,
    )
    expect(stored[commentsRootName]).toEqual({})

    // Discarding deletes this device's copy of the room and loads the page again: it works.
    await Promise.all([budi.page.waitForEvent('load'), discard.click()])
    await waitEditable(budi.page)
    await planText(budi.page).click()
    await budi.page.keyboard.type('Budi writes again.')
    await waitSaved(budi.page)
    expect(await badge(budi.page).textContent()).toContain('Connected and saved')
    await waitForText(budi.page, 'Budi writes again.')
    expect(await budi.page.getByText('Written by the previous user').count()).toBe(0)
    expect(await budi.page.getByRole('alert').count()).toBe(0)
    await budi.context.close()
  })
})
