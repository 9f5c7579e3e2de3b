import { execFile } from 'node:child_process'
import { mkdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { type BuildTarget, inputsDigest, isBuildFresh, targets } from '../../build-if-changed.js'
import { filesUnder } from '../helpers/data-dir.js'
import { makeDataDir, removeDataDirs } from '../helpers/server.js'

afterAll(() => removeDataDirs())

const repository = fileURLToPath(new URL('../..', import.meta.url))
const [server, client] = targets as [BuildTarget, BuildTarget]

/** A repository-shaped tree with a finished client build. */
const builtTree = (): { root: string; write: (file: string, text: string) => void } => {
  const root = makeDataDir()
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(root, file)), { recursive: true })
    writeFileSync(join(root, file), text)
  }
  write('client/index.html', '<div id="root"></div>')
  write('client/src/main.tsx', 'render()')
  write('client/src/app/shell.tsx', 'export const Shell = 1')
  write('shared/src/errors.ts', 'export const codes = []')
  write('package-lock.json', '{}')
  write('client/dist/index.html', '<script src="/assets/main.js"></script>')
  write(client.stamp, inputsDigest(root, client.inputs))
  return { root, write }
}

describe('building only what changed', () => {
  it('counts a build fresh until an input’s content changes, a file is added or the build is gone', () => {
    const { root, write } = builtTree()
    expect(isBuildFresh(root, client)).toBe(true)
    // Only the time changed (a checkout, a touch): still fresh.
    utimesSync(join(root, 'client/src/main.tsx'), new Date(), new Date(2030, 0, 1))
    expect(isBuildFresh(root, client)).toBe(true)

    write('shared/src/errors.ts', "export const codes = ['not_found']")
    expect(isBuildFresh(root, client)).toBe(false)
    write('shared/src/errors.ts', 'export const codes = []')
    expect(isBuildFresh(root, client)).toBe(true)
    write('client/src/app/new-page.tsx', 'export const Page = 1')
    expect(isBuildFresh(root, client)).toBe(false)
    rmSync(join(root, 'client/src/app/new-page.tsx'))
    expect(isBuildFresh(root, client)).toBe(true)

    rmSync(join(root, 'client/dist/index.html'))
    expect(isBuildFresh(root, client)).toBe(false)
    const unstamped = builtTree()
    rmSync(join(unstamped.root, client.stamp))
    expect(isBuildFresh(unstamped.root, client)).toBe(false)
    expect(client.inputs).toContain('shared/src')
    expect(server.inputs).toContain('shared/src')
  })

  it('leaves an up-to-date build untouched: npm run build (and so npm start) writes no file', async () => {
    for (const target of targets) {
      expect(isBuildFresh(repository, target), `${target.name}: run npm run build first`).toBe(true)
    }
    const outputs = [
      ...filesUnder(join(repository, 'build')),
      ...filesUnder(join(repository, 'client/dist')),
    ]
    const times = () => outputs.map((file) => `${file} ${statSync(file).mtimeMs}`)
    const before = times()
    const { stdout } = await promisify(execFile)('npm', ['run', 'build'], { cwd: repository })
    expect(stdout).toContain('server: up to date, not rebuilt')
    expect(stdout).toContain('client: up to date, not rebuilt')
    expect(times()).toEqual(before)
  })
})
