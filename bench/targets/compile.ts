import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { REPO_ROOT } from '../lib/paths.js'

const OUT_DIR = join(REPO_ROOT, 'build', 'bench', 'servers')
const compiled = new Map<string, string>()

/**
 * Turns a peer server script (bench/servers/<name>.ts) into plain JavaScript under
 * build/, so peers run on bare `node` exactly like Mufakat's compiled build: running them
 * through a TypeScript loader would cost them memory and startup the others do not pay.
 * The output stays inside the repo so `node_modules` resolves as usual.
 */
export const compileServerScript = (name: string): string => {
  const done = compiled.get(name)
  if (done !== undefined) return done
  const source = readFileSync(join(REPO_ROOT, 'bench', 'servers', `${name}.ts`), 'utf8')
  const output = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: `${name}.ts`,
  })
  mkdirSync(OUT_DIR, { recursive: true })
  const file = join(OUT_DIR, `${name}.js`)
  writeFileSync(file, output.outputText)
  compiled.set(name, file)
  return file
}
