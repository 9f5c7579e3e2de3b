import { join } from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'

/** Opens the server's SQLite file directly, as an operator or another process could. */
export const openStore = (dataDir: string): Database =>
  new BetterSqlite3(join(dataDir, 'mufakat.db'))

/** Reads one value from the server's Prometheus text at /metrics. */
export const readMetric = async (httpUrl: string, name: string): Promise<number> => {
  const text = await (await fetch(`${httpUrl}/metrics`)).text()
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `))
  if (!line) throw new Error(`metric ${name} not found`)
  return Number(line.slice(name.length + 1))
}
