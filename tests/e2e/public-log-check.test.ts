import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, newPerson, seriousViolations } from '../helpers/browser.js'
import {
  decide,
  forgeRecord,
  forgetCheckpoints,
  openScene,
  publish,
  restart,
  rewriteChain,
  type Scene,
} from '../helpers/log-tamper.js'
import { draftAgreement, openMediation, signedByBoth } from '../helpers/mediation.js'
import { removeDataDirs } from '../helpers/server.js'
import { Site } from '../helpers/site.js'

/**
 * The public page checks the signed log in the reader's own browser and remembers the last
 * checkpoint it saw, so a reader who once looked is warned when the operator rewrites history
 * — even though the server, having re-signed the rewrite, calls it whole.
 */

let browser: Browser
let scene: Scene

beforeAll(async () => {
  ;[browser, scene] = await Promise.all([
    launchBrowser(),
    openScene(['Open data portal', 'Quarterly public hearings']),
  ])
})

afterAll(async () => {
  await browser?.close()
  await scene?.server.stop()
  await removeDataDirs()
})

describe('the signed log, checked in the reader’s browser', () => {
  it('verifies, remembers, and warns when the log is rewritten after the reader looked', async () => {
    const { context, page } = await newPerson(browser, scene.server)
    const check = page.getByTestId('log-check')
    await page.goto(scene.publicUrl)
    await check.getByText('Verified in your browser: 2 records in the signed log').waitFor()

    await decide(scene, 'Participatory budget')
    await page.reload()
    await check
      .getByText(/Verified in your browser: 3 records, consistent with what you saw on/)
      .waitFor()

    // Another reader, who never looked before, sees the same log as merely verified.
    const { context: stranger, page: strangerPage } = await newPerson(browser, scene.server, {
      locale: 'id-ID',
    })
    await strangerPage.goto(scene.publicUrl)
    await strangerPage
      .getByTestId('log-check')
      .getByText('Terverifikasi di peramban Anda: 3 catatan dalam log bertanda tangan')
      .waitFor()

    await restart(scene, (db) => {
      rewriteChain(db, scene.site.workspaceId, 'Quietly changed.')
      forgetCheckpoints(db, scene.site.workspaceId)
    })
    await page.reload()
    await page.getByText('Quietly changed.').waitFor()
    await check
      .getByText(
        /Warning: the log is not consistent with what you saw on .*: its history was rewritten/,
      )
      .waitFor()
    expect(await check.locator('xpath=..').getAttribute('role')).toBe('alert')
    // The warning stays: what the reader saw is kept, not replaced by the rewrite.
    await page.reload()
    await check.getByText(/its history was rewritten/).waitFor()

    await strangerPage.reload()
    await strangerPage
      .getByTestId('log-check')
      .getByText(/riwayatnya telah ditulis ulang/)
      .waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await Promise.all([context.close(), stranger.close()])
  })

  it('warns when the page shows a record the signed log does not hold, never calling it verified', async () => {
    const site = await Site.open(scene.server, 'Medan Flood Plan')
    const own = { server: scene.server, site }
    await decide(own, 'Clear the canals')
    await decide(own, 'Warning sirens')
    const publicUrl = await publish(scene.server, site)
    // The operator slips a decision into the database, chained but never signed.
    await restart(scene, (db) => forgeRecord(db, site.workspaceId, 'Sell the riverside park'))
    const { context, page } = await newPerson(browser, scene.server)
    await page.goto(publicUrl)
    await page.getByText('Sell the riverside park').first().waitFor()
    const check = page.getByTestId('log-check')
    await check
      .getByText(/Warning: this page shows record 3, which is not in the signed log/)
      .waitFor()
    expect(await check.textContent()).not.toContain('Verified')
    // Published anonymised, the records are the same commitments: the forged row shows as well.
    const anonymousUrl = await publish(scene.server, site.on(scene.server), { anonymised: true })
    await page.goto(anonymousUrl)
    await page.getByText('Sell the riverside park').first().waitFor()
    await check
      .getByText(/Warning: this page shows record 3, which is not in the signed log/)
      .waitFor()
    await context.close()
  })

  it('warns when a signed agreement the log holds is missing from the page, its rows deleted', async () => {
    const mediation = await openMediation(scene.server)
    const signed = await signedByBoth(
      scene.server,
      mediation,
      await draftAgreement(scene.server, mediation),
    )
    const publicUrl = await publish(scene.server, mediation.site)
    const { context, page } = await newPerson(browser, scene.server)
    const check = page.getByTestId('log-check')
    await page.goto(publicUrl)
    await check.getByText(/Verified in your browser/).waitFor()
    // The operator deletes the agreement's rows: its entries stay in the signed log.
    await restart(scene, (db) => {
      for (const table of ['term_status', 'signature']) {
        db.prepare(`DELETE FROM ${table} WHERE agreement_id = ?`).run(signed.id)
      }
      db.prepare('DELETE FROM agreement WHERE id = ?').run(signed.id)
    })
    await page.reload()
    await check
      .getByText(
        `Warning: the signed log holds the agreement “${signed.title}” (record 1), which this page does not show: it was removed outside the server.`,
      )
      .waitFor()
    expect(await check.textContent()).not.toContain('Verified')
    await context.close()
  })

  it('checks a record published anonymised exactly like a named one: its records name nobody', async () => {
    const site = await Site.open(scene.server, 'Surabaya Green Spaces')
    await decide({ server: scene.server, site }, 'Plant the river bank')
    const publicUrl = await publish(scene.server, site, { anonymised: true })
    const { context, page } = await newPerson(browser, scene.server)
    await page.goto(publicUrl)
    const check = page.getByTestId('log-check')
    await check.getByText('Verified in your browser: 1 record in the signed log').waitFor()
    // People are commitments in the records, so the entries are public and rehashed here too.
    expect(await check.textContent()).not.toMatch(/While names are hidden/)
    await context.close()
  })
})
