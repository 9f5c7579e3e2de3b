import { readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'

/**
 * Only for tests that open the store from its TypeScript sources (vitest): a worker shares no
 * module loader with its parent, and tsx in every thread costs a second or more to start. So
 * the thread's module and the modules beside it that it imports are compiled once per process
 * with TypeScript (type-only, no checking) and run as CommonJS. The built server never
 * comes here: it runs the compiled `.js`.
 */
const compiled = new Map<string, Promise<string>>()

const compile = (file: string): Promise<string> => {
  let code = compiled.get(file)
  if (!code) {
    code = (async () => {
      const ts = (await import('typescript')).default
      return ts.transpileModule(await readFile(file, 'utf8'), {
        compilerOptions: {
          module: ts.ModuleKind.CommonJS,
          target: ts.ScriptTarget.ES2022,
          esModuleInterop: true,
        },
      }).outputText
    })()
    compiled.set(file, code)
  }
  return code
}

/** Relative imports of a module: the store's threads import only siblings. */
const siblingsOf = (code: string): string[] =>
  [...code.matchAll(/require\("(\.\/[^"]+)\.js"\)/g)].map((match) => match[1] as string)

export const threadFromSources = async (entry: URL, workerData: unknown): Promise<Worker> => {
  const directory = dirname(fileURLToPath(entry))
  const modules: Record<string, string> = {}
  const pending = [`./${fileURLToPath(entry).slice(directory.length + 1, -'.ts'.length)}`]
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (name in modules) continue
    const code = await compile(`${directory}/${name.slice(2)}.ts`)
    modules[name] = code
    pending.push(...siblingsOf(code))
  }
  const [main] = Object.keys(modules)
  const loader = `
    const modules = ${JSON.stringify(modules)}
    const outside = require('node:module').createRequire(${JSON.stringify(`${directory}/`)})
    const loaded = {}
    const load = (name) => {
      if (loaded[name]) return loaded[name].exports
      const module = { exports: {} }
      loaded[name] = module
      new Function('require', 'module', 'exports', modules[name])(want, module, module.exports)
      return module.exports
    }
    const want = (name) => {
      const sibling = name.endsWith('.js') ? name.slice(0, -3) : name
      return sibling in modules ? load(sibling) : outside(name)
    }
    load(${JSON.stringify(main)})`
  return new Worker(loader, { eval: true, workerData })
}
