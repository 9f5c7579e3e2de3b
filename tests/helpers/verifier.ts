import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The outsider's verifier as the build bundles it: one file, run with plain `node`. */
export const verifierFile = fileURLToPath(
  new URL('../../build/verifier/mufakat-verify.mjs', import.meta.url),
)

export interface VerifierRun {
  code: number
  stdout: string
  stderr: string
}

/** Runs `mufakat-verify` as its own process, as an outsider would; never throws on exit codes. */
export const runVerifier = (args: readonly string[]): Promise<VerifierRun> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      [verifierFile, ...args],
      { timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    )
  })
