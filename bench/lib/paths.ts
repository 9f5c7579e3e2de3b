import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Repository root, whatever the current directory is. */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
