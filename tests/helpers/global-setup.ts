import { existsSync } from 'node:fs'
import { serverEntry } from './server.js'
import { ensureChromium, ensureStrace, MachineNotReady, thisMachine } from './test-machine.js'

/**
 * Before any test starts: the built server (tests run it exactly as `npm start` does; `npm test`
 * builds it first), a Chromium for the browser tests and strace for the flush test, found or
 * installed, or one sentence saying what is missing.
 */
export default function setup(): void {
  if (!existsSync(serverEntry)) {
    throw new Error(`${serverEntry} is missing: run \`npm run build\` (npm test does) first`)
  }
  const machine = thisMachine()
  try {
    ensureChromium(machine)
    ensureStrace(machine)
  } catch (error) {
    if (!(error instanceof MachineNotReady)) throw error
    // The sentence alone, not a stack: it is an instruction to whoever runs the tests.
    process.stderr.write(`\n${error.message}\n\n`)
    process.exit(1)
  }
}
