import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import { afterAll, expect, it } from 'vitest'
import {
  decide,
  forgeRecord,
  forgetCheckpoints,
  openScene,
  publish,
  restart,
  rewriteChain,
  verifyRecords,
} from '../helpers/log-tamper.js'
import { describeSqliteOnly } from '../helpers/postgres.js'
import { removeDataDirs } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'
import { runVerifier } from '../helpers/verifier.js'

/**
 * A dishonest operator with the SQLite file in hand, against outsiders who once ran
 * `mufakat-verify` (the independent checker, which shares no code with the server's log):
 * rewriting the whole record with recomputed hashes, dropping the last record, and moving one
 * workspace's records under another are each caught — by the command and by /records/verify —
 * while the untouched log passes.
 */

const stateDir = mkdtempSync(join(tmpdir(), 'mufakat-verify-state-'))
let stateFiles = 0
const newStateFile = () => join(stateDir, `state-${++stateFiles}.json`)

afterAll(() => removeDataDirs())

// The tampering edits the SQLite file behind the server.
describeSqliteOnly('mufakat-verify against a tampered database', () => {
  it('passes an honest log and its growth, then catches a rewrite with recomputed hashes', async () => {
    const scene = await openScene(['Open data portal', 'Quarterly public hearings'])
    const state = newStateFile()
    const first = await runVerifier([scene.publicUrl, '--state', state])
    expect(first, first.stderr).toMatchObject({ code: 0 })
    expect(first.stdout).toContain('2 records')
    expect(JSON.parse(readFileSync(state, 'utf8')).checkpoint).toMatchObject({ size: 2 })
    await decide(scene, 'Participatory budget')
    const grown = await runVerifier([scene.publicUrl, '--state', state])
    expect(grown, grown.stderr).toMatchObject({ code: 0 })
    expect(grown.stdout).toContain('Consistent with the 2 records seen on')

    // The operator rewrites history and has the server sign the rewritten log.
    await restart(scene, (db) => {
      rewriteChain(db, scene.site.workspaceId, 'Quietly changed.')
      forgetCheckpoints(db, scene.site.workspaceId)
    })
    const feed = await (await fetch(scene.publicUrl.replace('/p/', '/api/public/'))).text()
    expect(feed).toContain('Quietly changed.')
    const caught = await runVerifier([scene.publicUrl, '--state', state])
    expect(caught.code).toBe(1)
    expect(caught.stderr).toMatch(/^NOT VERIFIED .*history was rewritten\.\n$/)
    // The state keeps what was seen, so every later run fails too.
    expect(JSON.parse(readFileSync(state, 'utf8')).checkpoint).toMatchObject({ size: 3 })
    expect((await runVerifier([scene.publicUrl, '--state', state])).code).toBe(1)
    // Nobody had looked from a fresh state: a rewrite before the first outside look passes.
    expect((await runVerifier([scene.publicUrl])).code).toBe(0)
    await scene.server.stop()
  })

  it('catches a rewrite the server did not sign, on a first look and in /records/verify', async () => {
    const scene = await openScene(['Open data portal', 'Quarterly public hearings'])
    expect(await verifyRecords(scene.site, scene.server)).toMatchObject({ ok: true })
    expect((await runVerifier([scene.publicUrl])).code).toBe(0)
    await restart(scene, (db) => rewriteChain(db, scene.site.workspaceId, 'Quietly changed.'))
    expect(await verifyRecords(scene.site, scene.server)).toMatchObject({ ok: false })
    const caught = await runVerifier([scene.publicUrl])
    expect(caught.code).toBe(1)
    expect(caught.stderr).toMatch(/^NOT VERIFIED /)
    await scene.server.stop()
  })

  it('catches the last record dropped, re-signed or not', async () => {
    const scene = await openScene(['Open data portal', 'Quarterly public hearings', 'Budget'])
    const state = newStateFile()
    expect((await runVerifier([scene.publicUrl, '--state', state])).code).toBe(0)
    const dropLast = (db: Database) =>
      db
        .prepare('DELETE FROM chain_record WHERE workspace_id = ? AND sequence = 3')
        .run(scene.site.workspaceId)
    // Dropped, with the checkpoints left as signed: the log no longer matches them.
    await restart(scene, dropLast)
    expect(await verifyRecords(scene.site, scene.server)).toMatchObject({ ok: false })
    const unsigned = await runVerifier([scene.publicUrl])
    expect(unsigned.code).toBe(1)
    expect(unsigned.stderr).toContain('does not serve the 3 records its checkpoint signs')
    // And with the checkpoint of 3 records forgotten too, so the server's own word is whole.
    await restart(scene, (db) => forgetCheckpoints(db, scene.site.workspaceId, 2))
    const caught = await runVerifier([scene.publicUrl, '--state', state])
    expect(caught.code).toBe(1)
    expect(caught.stderr).toContain('fewer than the 3 records seen on')
    await scene.server.stop()
  })

  it("catches one workspace's records moved under another", async () => {
    const scene = await openScene(['Open data portal'])
    const other = await Site.open(scene.server, 'Surabaya Green Spaces')
    await decide({ server: scene.server, site: other }, 'Plant the river bank')
    const otherUrl = await publish(scene.server, other)
    const state = newStateFile()
    expect((await runVerifier([scene.publicUrl, '--state', state])).code).toBe(0)
    expect((await runVerifier([otherUrl])).code).toBe(0)
    // Renumbered too, so each row sits where a record of this workspace would.
    const move = (db: Database) =>
      db
        .prepare(
          `UPDATE chain_record SET workspace_id = ?, sequence = 2,
             record = json_set(record, '$.sequence', 2) WHERE workspace_id = ?`,
        )
        .run(scene.site.workspaceId, other.workspaceId)
    await restart(scene, move)
    expect(await verifyRecords(scene.site, scene.server)).toMatchObject({ ok: false })
    // The server signs nothing it did not add: the row is shown, but in no checkpoint.
    const unsigned = await runVerifier([scene.publicUrl, '--state', state])
    expect(unsigned.code).toBe(1)
    expect(unsigned.stderr).toContain('record 2 was never signed')
    // With the checkpoints forgotten, the server signs the log with the row in it.
    await restart(scene, (db) => forgetCheckpoints(db, scene.site.workspaceId))
    const signed = await runVerifier([scene.publicUrl, '--state', state])
    expect(signed.code).toBe(1)
    expect(signed.stderr).toContain(`record 2 belongs to workspace ${other.workspaceId}`)
    expect((await runVerifier([scene.publicUrl])).code).toBe(1)
    await scene.server.stop()
  })

  it('catches the text a decision approved edited in its version row', async () => {
    const scene = await openScene([])
    const plan = await scene.site.document('Depot plan')
    await api(scene.server, 'POST', `/api/workspaces/${scene.site.workspaceId}/decisions`, {
      token: scene.site.token,
      body: { title: 'Keep the depot', text: 'Kept.', outcome: 'adopted', documentId: plan.id },
    })
    const state = newStateFile()
    const honest = await runVerifier([scene.publicUrl, '--state', state])
    expect(honest, honest.stderr).toMatchObject({ code: 0 })
    // The log is untouched; the version the decision names now says something else.
    await restart(scene, (db) =>
      db.prepare(`UPDATE version SET content_json = ? WHERE kind = 'decision'`).run(
        JSON.stringify({
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Sell the depot.' }] }],
        }),
      ),
    )
    const feed = await (await fetch(scene.publicUrl.replace('/p/', '/api/public/'))).text()
    expect(feed).toContain('Sell the depot.')
    const caught = await runVerifier([scene.publicUrl, '--state', state])
    expect(caught.code).toBe(1)
    expect(caught.stderr).toContain(
      'the approved text shown for record 1 is not the text whose hash the signed record holds',
    )
    await scene.server.stop()
  })

  it('catches a row slipped into a record published anonymised, checked record by record like a named one', async () => {
    const scene = await openScene(['Open data portal'])
    const anonymousUrl = await publish(scene.server, scene.site, { anonymised: true })
    const state = newStateFile()
    expect((await runVerifier([anonymousUrl, '--state', state])).code).toBe(0)
    await restart(scene, (db) => forgeRecord(db, scene.site.workspaceId, 'Sell the park'))
    const caught = await runVerifier([anonymousUrl, '--state', state])
    expect(caught.code).toBe(1)
    expect(caught.stderr).toContain(
      'the public record shows 2 records, the signed log holds 1: record 2 was never signed',
    )
    await scene.server.stop()
  })

  it('checks against a pinned --key, and refuses the key of another log', async () => {
    const scene = await openScene(['Open data portal'])
    const key = await (
      await fetch(`${scene.server.httpUrl}/api/workspaces/${scene.site.workspaceId}/log/key`, {
        headers: { authorization: `Bearer ${scene.site.token}` },
      })
    ).text()
    const pinned = await runVerifier([scene.publicUrl, '--key', key.trim()])
    expect(pinned, pinned.stderr).toMatchObject({ code: 0 })
    expect(pinned.stdout).toContain('(given)')
    const other = await Site.open(scene.server, 'Surabaya Green Spaces')
    const otherKey = await (
      await fetch(`${scene.server.httpUrl}/api/workspaces/${other.workspaceId}/log/key`, {
        headers: { authorization: `Bearer ${other.token}` },
      })
    ).text()
    const refused = await runVerifier([scene.publicUrl, '--key', otherKey.trim()])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^NOT VERIFIED .*not signed by the key/)
    // The feed's address names the same log.
    const feed = await runVerifier([scene.publicUrl.replace('/p/', '/api/public/'), '--key', key])
    expect(feed, feed.stderr).toMatchObject({ code: 0 })
    const misused = await runVerifier(['not a url'])
    expect(misused.code).toBe(2)
    const notState = newStateFile()
    writeFileSync(notState, '{"checkpoint": 1}')
    const badState = await runVerifier([scene.publicUrl, '--state', notState])
    expect(badState.code).toBe(2)
    expect(badState.stderr).toContain('is not one this command wrote')
    await scene.server.stop()
  })
})
