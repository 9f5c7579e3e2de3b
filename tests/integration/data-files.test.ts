import { chmodSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { filesUnder, modeOf } from '../helpers/data-dir.js'
import { describeSqliteOnly } from '../helpers/postgres.js'
import { makeDataDir, removeDataDirs, startServer } from '../helpers/server.js'
import { Site } from '../helpers/site.js'

afterAll(() => removeDataDirs())

const modes = (dir: string): Record<string, string> =>
  Object.fromEntries(
    filesUnder(dir).map((file) => [file.slice(dir.length + 1), modeOf(file).toString(8)]),
  )

describeSqliteOnly('the files of DATA_DIR', () => {
  it('are for the server user alone: the directory it creates 0700, every database file 0600', async () => {
    const dataDir = join(makeDataDir(), 'created-by-the-server')
    const server = await startServer({ dataDir })
    await (await Site.open(server)).connect('plan')
    expect(modeOf(dataDir).toString(8)).toBe('700')
    const files = modes(dataDir)
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['mufakat.db', 'mufakat.db-wal', 'mufakat.db-shm']),
    )
    for (const [file, mode] of Object.entries(files)) expect(mode, file).toBe('600')
    expect(await server.stop()).toBe(0)
  })

  it('narrows the files of an older server, created 0644, to 0600 on start', async () => {
    const first = await startServer()
    await Site.open(first)
    expect(await first.stop('SIGKILL')).toBe('SIGKILL')
    for (const file of filesUnder(first.dataDir)) chmodSync(file, 0o644)
    expect(Object.values(modes(first.dataDir))).toContain('644')

    const again = await startServer({ dataDir: first.dataDir })
    await Site.open(again)
    for (const [file, mode] of Object.entries(modes(first.dataDir))) expect(mode, file).toBe('600')
    expect(await again.stop()).toBe(0)
  })
})
