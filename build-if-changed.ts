import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * `npm run build` (and so `npm start`) builds the server and the client only when what they are
 * built from changed; they used to be rebuilt on every start (some 20 s, also after a crash).
 * What a part is built from is hashed — contents, not modification times, so a fresh checkout of
 * the same commit counts as unchanged — and the hash is written beside its output once a build
 * has finished; it is removed before a build starts, so a build that fails or is killed half-way
 * leaves none and the next start builds again. So does a missing output.
 */

export interface BuildTarget {
  name: string
  /** Files and folders, relative to the repository, the build reads. */
  inputs: readonly string[]
  /** What a finished build always contains. */
  entry: string
  /** Where the hash of the inputs of the last finished build is kept. */
  stamp: string
  build(root: string): void | Promise<void>
}

const run = (root: string, args: string[]): void => {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

// Every part's compiler options start from tsconfig.base.json; shared/ is built into each.
const common = ['shared/src', 'package-lock.json', 'tsconfig.base.json']

export const targets: readonly BuildTarget[] = [
  {
    name: 'server',
    inputs: ['server/src', 'server/tsconfig.json', 'tsconfig.build.json', ...common],
    entry: 'build/server/src/main.js',
    stamp: 'build/.server-stamp',
    build: (root) =>
      run(root, [
        createRequire(import.meta.url).resolve('typescript/bin/tsc'),
        '-p',
        'tsconfig.build.json',
      ]),
  },
  {
    name: 'client',
    inputs: [
      'client/index.html',
      'client/public',
      'client/src',
      'client/tsconfig.json',
      'client/vite.config.ts',
      'client/precompress.ts',
      ...common,
    ],
    entry: 'client/dist/index.html',
    // Outside dist/, which the server serves to anyone.
    stamp: 'build/.client-stamp',
    build: async (root) => {
      const { build } = await import('vite')
      await build({ configFile: join(root, 'client/vite.config.ts'), logLevel: 'warn' })
    },
  },
  {
    // The outsider's verifier as one file with no imports but Node's own: `node` runs it alone.
    name: 'verifier',
    inputs: ['server/src/cli/mufakat-verify.ts', 'server/tsconfig.json', ...common],
    entry: 'build/verifier/mufakat-verify.mjs',
    stamp: 'build/.verifier-stamp',
    build: async (root) => {
      const { build } = await import('vite')
      await build({
        root,
        configFile: false,
        logLevel: 'warn',
        build: {
          ssr: 'server/src/cli/mufakat-verify.ts',
          outDir: 'build/verifier',
          emptyOutDir: true,
          target: 'node20',
          // Readable: whoever runs it can read what it checks.
          minify: false,
          rollupOptions: { output: { entryFileNames: 'mufakat-verify.mjs' } },
        },
        ssr: { noExternal: true, target: 'node' },
      })
      // Runnable as ./mufakat-verify.mjs too, and as the package's bin.
      chmodSync(join(root, 'build/verifier/mufakat-verify.mjs'), 0o755)
    },
  },
]

/** The files an input stands for: itself, or every file below it when it is a folder. */
const filesOf = (root: string, input: string): string[] => {
  const full = join(root, input)
  if (!existsSync(full)) return []
  if (!statSync(full).isDirectory()) return [input]
  return readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
}

/** One hash of the names and contents of every input file, in a stable order. */
export const inputsDigest = (root: string, inputs: readonly string[]): string => {
  const hash = createHash('sha256')
  for (const file of inputs.flatMap((input) => filesOf(root, input)).sort()) {
    hash.update(`${file}\0`)
    hash.update(readFileSync(join(root, file)))
    hash.update('\0')
  }
  return hash.digest('hex')
}

/** True when the last finished build of `target` was made from exactly its inputs as they are. */
export const isBuildFresh = (root: string, target: BuildTarget): boolean =>
  existsSync(join(root, target.entry)) &&
  existsSync(join(root, target.stamp)) &&
  readFileSync(join(root, target.stamp), 'utf8').trim() === inputsDigest(root, target.inputs)

/** Builds each named target (all by default) whose build is not fresh. */
const buildChanged = async (root: string, names: readonly string[]): Promise<void> => {
  let announced = false
  for (const target of targets) {
    if (names.length > 0 && !names.includes(target.name)) continue
    if (isBuildFresh(root, target)) {
      process.stdout.write(`${target.name}: up to date, not rebuilt\n`)
      continue
    }
    // A build is silent for most of a minute: say so first, or `npm start` looks stuck.
    if (!announced) {
      process.stdout.write('Building Mufakat (the first start takes about a minute)…\n')
      announced = true
    }
    process.stdout.write(`${target.name}: building…\n`)
    // Hashed before building: an input edited meanwhile makes the next start build again.
    const digest = inputsDigest(root, target.inputs)
    // No stamp while building: a build killed half-way is never taken for a finished one.
    rmSync(join(root, target.stamp), { force: true })
    await target.build(root)
    mkdirSync(dirname(join(root, target.stamp)), { recursive: true })
    writeFileSync(join(root, target.stamp), `${digest}\n`)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildChanged(fileURLToPath(new URL('.', import.meta.url)), process.argv.slice(2))
}
