import { restoreDatabase } from '../store/backup.js'
import { runOperatorCommand } from './operator-command.js'

/** `npm run restore -- <file>`: puts a backup in place as DATA_DIR's database; no server runs. */
await runOperatorCommand('npm run restore -- <file>', async (dataDir, file) => {
  await restoreDatabase(file, dataDir)
  return `restored ${file} into ${dataDir}; start the server`
})
