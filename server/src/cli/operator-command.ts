import { resolve } from 'node:path'
import { invocationDir, loadConfig } from '../config.js'
import { BackupError } from '../store/backup.js'

/**
 * Runs one operator command on the data directory the server would use (DATA_DIR, read as the
 * server reads it) with the file named on the command line; prints one sentence and exits 0, or
 * prints why not and exits 1 (2 for a usage or configuration error).
 */
export const runOperatorCommand = async (
  usage: string,
  command: (dataDir: string, file: string) => Promise<string>,
): Promise<void> => {
  const [file, ...rest] = process.argv.slice(2)
  if (!file || rest.length > 0) {
    process.stderr.write(`usage: ${usage}\n`)
    process.exit(2)
  }
  let dataDir: string
  try {
    dataDir = resolve(loadConfig().DATA_DIR)
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(2)
  }
  try {
    process.stdout.write(`${await command(dataDir, resolve(invocationDir(), file))}\n`)
  } catch (error) {
    if (!(error instanceof BackupError)) throw error
    process.stderr.write(`${error.message}\n`)
    process.exit(1)
  }
}
