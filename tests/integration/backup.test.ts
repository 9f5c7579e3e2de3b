import { execFile } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, afterEach, expect, it } from 'vitest'
import type { PlanDocument } from '../../shared/src/schema/document.js'
import type { ChainVerification, Session } from '../../shared/src/schema/session.js'
import { destroyClients, waitForSynced } from '../helpers/clients.js'
import { modeOf } from '../helpers/data-dir.js'
import { describeSqliteOnly } from '../helpers/postgres.js'
import { makeDataDir, removeDataDirs, startServer } from '../helpers/server.js'
import { api, Site } from '../helpers/site.js'
import { waitFor } from '../helpers/wait.js'

afterEach(() => destroyClients())
afterAll(() => removeDataDirs())

const command = (name: 'backup' | 'restore') =>
  fileURLToPath(new URL(`../../build/server/src/cli/${name}.js`, import.meta.url))

/** Runs `npm run backup|restore -- <file>` as an operator would: exit code and what it said. */
const run = async (name: 'backup' | 'restore', file: string, dataDir: string) => {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [command(name), file], {
      env: { ...process.env, DATA_DIR: dataDir, INIT_CWD: '' },
    })
    return { code: 0, said: stdout }
  } catch (error) {
    const failed = error as { code: number; stderr: string }
    return { code: failed.code, said: failed.stderr }
  }
}

describeSqliteOnly('backup and restore', () => {
  it('backs up while someone types, restores into a fresh directory, and the restored server has everything', async () => {
    const server = await startServer()
    const site = await Site.open(server)
    const plans = await Promise.all(['Vision', 'Mobility'].map((title) => site.document(title)))
    const { session } = await api<{ session: Session }>(
      server,
      'POST',
      `/api/workspaces/${site.workspaceId}/sessions`,
      { token: site.token, body: { title: 'Depot workshop', kind: 'workshop' } },
    )
    for (const title of ['Depot at Gedebage', 'Night charging']) {
      for (const body of [
        { type: 'proposal.open', title, text: `${title}.` },
        { type: 'proposal.close', outcome: 'adopted' },
      ]) {
        await api(server, 'POST', `/api/sessions/${session.id}/commands`, {
          token: site.token,
          body,
          expect: 200,
        })
      }
    }
    const typist = await site.connect('Vision')
    // What a second client has is committed: the server relays only after the commit.
    const reader = await site.connect('Vision')
    await Promise.all([waitForSynced(typist), waitForSynced(reader)])
    const text = typist.doc.getText('t')
    const typing = setInterval(() => text.insert(text.length, 'ketik '), 2)
    await waitFor(() => reader.doc.getText('t').length > 100, 'typing to be under way')

    const file = join(makeDataDir(), 'mufakat-backup.db')
    const committedBefore = reader.doc.getText('t').toString()
    let backedUp: Awaited<ReturnType<typeof run>>
    try {
      backedUp = await run('backup', file, server.dataDir)
    } finally {
      clearInterval(typing)
    }
    expect(backedUp, backedUp.said).toMatchObject({ code: 0 })
    expect(modeOf(file).toString(8)).toBe('600')
    expect(existsSync(`${file}-wal`) || existsSync(`${file}.partial`)).toBe(false)
    const typedAfter = text.toString()

    // Not over a running server, nor over a database already there.
    const overRunning = await run('restore', file, server.dataDir)
    expect(overRunning.code).toBe(1)
    expect(overRunning.said).toMatch(/server is running/)
    const fresh = join(makeDataDir(), 'restored')
    expect(await run('restore', file, fresh)).toMatchObject({ code: 0 })
    expect((await run('restore', file, fresh)).said).toMatch(/holds a database already/)

    const restored = await startServer({ dataDir: fresh })
    const on = site.on(restored)
    const { documents } = await api<{ documents: PlanDocument[] }>(
      restored,
      'GET',
      `/api/workspaces/${site.workspaceId}/documents`,
      { token: site.token },
    )
    expect(documents.map((document) => document.id).sort()).toEqual(
      plans.map((plan) => plan.id).sort(),
    )
    const { sessions } = await api<{ sessions: Session[] }>(
      restored,
      'GET',
      `/api/workspaces/${site.workspaceId}/sessions`,
      { token: site.token },
    )
    expect(sessions.map((each) => each.id)).toEqual([session.id])
    const verified = await api<ChainVerification>(
      restored,
      'GET',
      `/api/workspaces/${site.workspaceId}/records/verify`,
      { token: site.token },
    )
    expect(verified).toMatchObject({ ok: true, count: 2 })
    // One consistent moment: all that was committed before the backup began, a prefix of the rest.
    const { t } = await on.read('Vision', { texts: ['t'] })
    expect(typeof t).toBe('string')
    expect((t as string).startsWith(committedBefore)).toBe(true)
    expect(typedAfter.startsWith(t as string)).toBe(true)
    await restored.stop()
    await server.stop()
  })

  it('refuses what is not a Mufakat backup, or comes from a newer Mufakat, and never overwrites', async () => {
    const dir = makeDataDir()
    const text = join(dir, 'notes.txt')
    writeFileSync(text, 'not a database at all')
    const foreign = join(dir, 'foreign.db')
    new BetterSqlite3(foreign).exec('CREATE TABLE photo (id INTEGER)')
    const server = await startServer()
    await Site.open(server)
    const newer = join(dir, 'newer.db')
    expect((await run('backup', newer, server.dataDir)).code).toBe(0)
    // Nor does a backup overwrite a file or write into a folder that is not there.
    expect(await run('backup', newer, server.dataDir)).toMatchObject({ code: 1 })
    expect((await run('backup', newer, server.dataDir)).said).toMatch(/exists already/)
    const nowhere = await run('backup', join(dir, 'no-such-folder', 'b.db'), server.dataDir)
    expect(nowhere).toMatchObject({ code: 1, said: expect.stringMatching(/does not exist/) })
    await server.stop()
    const future = new BetterSqlite3(newer)
    future.pragma('user_version = 999')
    future.close()

    for (const [file, why] of [
      [text, /not a Mufakat backup/],
      [foreign, /not a Mufakat backup/],
      [newer, /newer than this Mufakat/],
      [join(dir, 'missing.db'), /does not exist/],
    ] as const) {
      const target = join(makeDataDir(), 'target')
      const answer = await run('restore', file, target)
      expect(answer.code, file).toBe(1)
      expect(answer.said).toMatch(why)
      expect(existsSync(join(target, 'mufakat.db')), file).toBe(false)
    }
  })

  it('keeps a second server off a directory a server is using', async () => {
    const server = await startServer()
    await expect(startServer({ dataDir: server.dataDir })).rejects.toThrow(/is using/)
    await server.stop()
  })
})
