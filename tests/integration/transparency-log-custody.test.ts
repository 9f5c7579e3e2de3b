import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, expect, it } from 'vitest'
import { canonicalJson } from '../../shared/src/schema/record-chain.js'
import type { ChainVerification } from '../../shared/src/schema/session.js'
import type { LogCheckpoints, LogEntries } from '../../shared/src/schema/transparency-log.js'
import { call, expectBadRequest, expectError, ok } from '../helpers/api-cases.js'
import { describeSqliteOnly } from '../helpers/postgres.js'
import { makeDataDir, removeDataDirs, startServer, type TestServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'
import { openStore } from '../helpers/store.js'

afterAll(() => removeDataDirs())

const decide = (server: TestServer, site: Site, title: string, expect = 201) =>
  call(server, 'POST', `/api/workspaces/${site.workspaceId}/decisions`, {
    token: site.token,
    body: { title, text: `Decided: ${title}.`, outcome: 'adopted' },
  }).then((answer) => expect === answer.status || Promise.reject(new Error(answer.text)))
const verify = (server: TestServer, site: Site) =>
  api<ChainVerification>(server, 'GET', `/api/workspaces/${site.workspaceId}/records/verify`, {
    token: site.token,
  })
const logOf = (server: TestServer, site: Site, path: string) =>
  call(server, 'GET', `/api/workspaces/${site.workspaceId}/log${path}`, { token: site.token })

interface Row {
  id: string
  sequence: number
  record: string
  hash: string
}

/** Rewrites a workspace's chain from `sequence` on as a careful forger would: hashes recomputed. */
const rewriteChain = (dataDir: string, workspaceId: string, from: number, text: string) => {
  const db = openStore(dataDir)
  const rows = db
    .prepare(
      'SELECT id, sequence, record, hash FROM chain_record WHERE workspace_id = ? ORDER BY sequence',
    )
    .all(workspaceId) as Row[]
  let previous = rows[from - 2]?.hash ?? '0'.repeat(64)
  for (const row of rows.slice(from - 1)) {
    const content = { ...JSON.parse(row.record), previousHash: previous }
    if (row.sequence === from) content.text = text
    const hash = createHash('sha256').update(canonicalJson(content)).digest('hex')
    db.prepare('UPDATE chain_record SET record = ?, hash = ? WHERE id = ?').run(
      JSON.stringify(content),
      hash,
      row.id,
    )
    previous = hash
  }
  db.close()
}

describeSqliteOnly('a log changed behind the server', () => {
  it('rewritten with recomputed hashes: verify names the first changed record, nothing more is signed', async () => {
    const server = await startServer()
    const site = await Site.open(server)
    for (const title of ['Bus lane', 'Depot', 'Trees']) await decide(server, site, title)
    const before = await verify(server, site)
    expect(before.ok).toBe(true)

    const proof = (await logOf(server, site, '/proof/inclusion?index=2&size=3')).text
    rewriteChain(server.dataDir, site.workspaceId, 2, 'The depot moves to the river bank.')
    // Proofs are served from the rows as they now are, not from a tree kept from before.
    expect((await logOf(server, site, '/proof/inclusion?index=2&size=3')).text).not.toBe(proof)
    const after = await verify(server, site)
    expect(after).toMatchObject({
      ok: false,
      count: 3,
      workspaceId: site.workspaceId,
      checkpoint: before.checkpoint,
      firstInvalid: {
        sequence: 2,
        problem: 'the records from here on differ from the signed checkpoint of 2',
      },
    })
    // Signing on would vouch for the rewrite: the next decision is refused, nothing is written.
    await decide(server, site, 'Parks', 409)
    expect((await verify(server, site)).count).toBe(3)
    const { checkpoints } = ok<LogCheckpoints>(await logOf(server, site, '/checkpoints'))
    expect(checkpoints.map((checkpoint) => checkpoint.size)).toEqual([1, 2, 3])

    // Restarting does not launder it either: the log is left unsigned and an error is logged.
    await server.stop()
    const again = await startServer({ dataDir: server.dataDir })
    expect(again.output.join('\n')).toContain('transparency log not signed')
    expect((await verify(again, site)).ok).toBe(false)
    await again.stop()
  })

  it('cut short, or fed a row of another workspace: verify says so', async () => {
    const server = await startServer()
    const site = await Site.open(server)
    const other = await Site.open(server, 'Surabaya Green Port')
    for (const title of ['Bus lane', 'Depot', 'Trees']) await decide(server, site, title)
    await decide(server, other, 'Harbour')

    const db = openStore(server.dataDir)
    db.prepare('DELETE FROM chain_record WHERE workspace_id = ? AND sequence = 3').run(
      site.workspaceId,
    )
    db.close()
    expect(await verify(server, site)).toMatchObject({
      ok: false,
      count: 2,
      firstInvalid: {
        sequence: 3,
        problem: 'the signed checkpoint covers 3 records, but only 2 are here',
      },
    })

    // The other workspace's record moved under this one, in the place of the missing record.
    const moving = openStore(server.dataDir)
    moving
      .prepare(
        "UPDATE chain_record SET workspace_id = ?, sequence = 3, record = json_set(record, '$.sequence', 3) WHERE workspace_id = ?",
      )
      .run(site.workspaceId, other.workspaceId)
    moving.close()
    expect(await verify(server, site)).toMatchObject({
      ok: false,
      count: 3,
      firstInvalid: { sequence: 3, problem: 'it belongs to another workspace' },
    })
    expect(await verify(server, other)).toMatchObject({
      ok: false,
      count: 0,
      firstInvalid: { sequence: 1 },
    })
    await server.stop()
  })

  it('a past checkpoint whose note was edited, its row left as it was: verify says so', async () => {
    const server = await startServer()
    const site = await Site.open(server)
    for (const title of ['Bus lane', 'Depot', 'Trees']) await decide(server, site, title)
    const db = openStore(server.dataDir)
    const editNote = (edit: (note: string) => string) => {
      const { id, note } = db
        .prepare('SELECT id, note FROM log_checkpoint WHERE workspace_id = ? AND tree_size = 1')
        .get(site.workspaceId) as { id: number; note: string }
      db.prepare('UPDATE log_checkpoint SET note = ? WHERE id = ?').run(edit(note), id)
      return note
    }
    // Its signature bytes changed, under the server's own key ID: mirrors would keep a forgery.
    const original = editNote((note) => {
      // A character in the middle of the signature: still base64, no longer the signature.
      const at = note.length - 20
      return `${note.slice(0, at)}${note[at] === 'A' ? 'B' : 'A'}${note.slice(at + 1)}`
    })
    expect(await verify(server, site)).toMatchObject({
      ok: false,
      firstInvalid: {
        sequence: 1,
        problem: 'the signed checkpoint of 1 kept here does not verify',
      },
    })
    // Its body changed to another root, the row's root left as it was.
    editNote(() => original.replace(/\n1\n[^\n]+\n/, `\n1\n${'A'.repeat(43)}=\n`))
    expect((await verify(server, site)).ok).toBe(false)
    editNote(() => original)
    db.close()
    expect((await verify(server, site)).ok).toBe(true)
    await server.stop()
  })

  it('grown by a row the server did not add: verify says so, and the server does not sign it', async () => {
    const server = await startServer()
    const site = await Site.open(server)
    for (const title of ['Bus lane', 'Depot']) await decide(server, site, title)
    // A forged third decision, chained as the server would chain it.
    const db = openStore(server.dataDir)
    const last = db
      .prepare('SELECT record, hash FROM chain_record WHERE workspace_id = ? AND sequence = 2')
      .get(site.workspaceId) as { record: string; hash: string }
    const forged = {
      ...JSON.parse(last.record),
      id: 'forged',
      sequence: 3,
      title: 'Sell the park',
      previousHash: last.hash,
    }
    db.prepare(
      "INSERT INTO chain_record (id, workspace_id, sequence, kind, record, hash) VALUES ('forged', ?, 3, 'decision', ?, ?)",
    ).run(
      site.workspaceId,
      JSON.stringify(forged),
      createHash('sha256').update(canonicalJson(forged)).digest('hex'),
    )
    db.close()
    expect(await verify(server, site)).toMatchObject({
      ok: false,
      count: 3,
      firstInvalid: { id: 'forged', sequence: 3, problem: 'no signed checkpoint covers it' },
    })
    await decide(server, site, 'Parks', 409)
    await server.stop()
    const again = await startServer({ dataDir: server.dataDir })
    expect(again.output.join('\n')).toContain('holds records the server did not add')
    expect((await verify(again, site)).ok).toBe(false)
    await again.stop()
  })
})

describeSqliteOnly('the log in custody', () => {
  it('pages entries 1000 at a time', async () => {
    const server = await startServer()
    const site = await Site.open(server)
    await decide(server, site, 'First')
    // Many rows at once, written straight into the file: only paging is under test here.
    const db = openStore(server.dataDir)
    const [first] = db
      .prepare('SELECT record FROM chain_record WHERE workspace_id = ?')
      .pluck()
      .all(site.workspaceId) as string[]
    const insert = db.prepare(
      "INSERT INTO chain_record (id, workspace_id, sequence, kind, record, hash) VALUES (?, ?, ?, 'decision', ?, '')",
    )
    db.transaction(() => {
      for (let sequence = 2; sequence <= 1005; sequence++) {
        const record = { ...JSON.parse(first as string), id: `d${sequence}`, sequence }
        insert.run(`d${sequence}`, site.workspaceId, sequence, JSON.stringify(record))
      }
    })()
    db.close()
    const page = ok<LogEntries>(await logOf(server, site, '/entries?start=0&end=1005'))
    expect(page.entries).toHaveLength(1000)
    const rest = ok<LogEntries>(await logOf(server, site, '/entries?start=1000&end=1005'))
    expect(rest.entries).toHaveLength(5)
    expect(JSON.parse(Buffer.from(rest.entries[4] as string, 'base64').toString())).toMatchObject({
      sequence: 1005,
    })
    expectBadRequest(await logOf(server, site, '/entries?start=0&end=1006'), 'end')
    await server.stop()
  })

  it('keeps its checkpoints through backup and restore; the key comes back only as its file', async () => {
    const server = await startServer()
    const site = await Site.open(server)
    for (const title of ['Bus lane', 'Depot']) await decide(server, site, title)
    const key = (await logOf(server, site, '/key')).text
    const { checkpoints } = ok<LogCheckpoints>(await logOf(server, site, '/checkpoints'))
    const file = join(makeDataDir(), 'backup.db')
    const backup = fileURLToPath(new URL('../../build/server/src/cli/backup.js', import.meta.url))
    const restore = fileURLToPath(new URL('../../build/server/src/cli/restore.js', import.meta.url))
    const run = (command: string, dataDir: string) =>
      promisify(execFile)(process.execPath, [command, file], {
        env: { ...process.env, DATA_DIR: dataDir, INIT_CWD: '' },
      })
    await run(backup, server.dataDir)
    await server.stop()

    // Restored with the key file copied beside it: the same log, the same key.
    const withKey = makeDataDir()
    await run(restore, withKey)
    copyFileSync(join(server.dataDir, 'log-signing-key.pem'), join(withKey, 'log-signing-key.pem'))
    const restored = await startServer({ dataDir: withKey })
    expect((await logOf(restored, site, '/key')).text).toBe(key)
    expect(ok<LogCheckpoints>(await logOf(restored, site, '/checkpoints')).checkpoints).toEqual(
      checkpoints,
    )
    expect((await verify(restored, site)).ok).toBe(true)
    await restored.stop()

    // Restored without it: a new key signs the log anew, and the operator is warned.
    const withoutKey = makeDataDir()
    await run(restore, withoutKey)
    const rekeyed = await startServer({ dataDir: withoutKey })
    expect(rekeyed.output.join('\n')).toContain('the log signing key changed')
    expect((await logOf(rekeyed, site, '/key')).text).not.toBe(key)
    const history = ok<LogCheckpoints>(await logOf(rekeyed, site, '/checkpoints')).checkpoints
    expect(history.slice(0, 2)).toEqual(checkpoints)
    expect(history.map((checkpoint) => checkpoint.size)).toEqual([1, 2, 2])
    expect((await verify(rekeyed, site)).ok).toBe(true)

    // Erasing the workspace takes its checkpoints with it.
    await api(rekeyed, 'DELETE', `/api/workspaces/${site.workspaceId}`, { token: site.token })
    const db = openStore(withoutKey)
    expect(
      db
        .prepare('SELECT count(*) FROM log_checkpoint WHERE workspace_id = ?')
        .pluck()
        .get(site.workspaceId),
    ).toBe(0)
    db.close()
    expect(existsSync(join(withoutKey, 'log-signing-key.pem'))).toBe(true)
    expectError(await logOf(rekeyed, site, '/checkpoint'), 401, 'unauthorized')
    await rekeyed.stop()
  })
})
