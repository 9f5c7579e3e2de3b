import { backupDatabase } from '../store/backup.js'
import { runOperatorCommand } from './operator-command.js'

/** `npm run backup -- <file>`: a consistent copy of the database, also while the server runs. */
await runOperatorCommand('npm run backup -- <file>', async (dataDir, file) => {
  await backupDatabase(dataDir, file)
  return `backed up ${dataDir} to ${file}`
})
