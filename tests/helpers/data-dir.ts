import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** Every file under `dir`, however deep. */
export const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(path) : [path]
  })

/** How often `needle`'s UTF-8 bytes occur in each file under `dir` that holds them at all. */
export const occurrencesUnder = (dir: string, needle: string): Record<string, number> => {
  const bytes = Buffer.from(needle, 'utf8')
  const found: Record<string, number> = {}
  for (const file of filesUnder(dir)) {
    const content = readFileSync(file)
    let count = 0
    for (let at = content.indexOf(bytes); at !== -1; at = content.indexOf(bytes, at + 1)) count++
    if (count > 0) found[file.slice(dir.length + 1)] = count
  }
  return found
}

/** The permission bits of a file or directory, e.g. 0o600. */
export const modeOf = (path: string): number => statSync(path).mode & 0o777
