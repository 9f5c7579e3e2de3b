import type { BlockChange } from '../../../../shared/src/schema/version.js'

/** Unchanged blocks kept in view on each side of a change, so a change is read in context. */
const context = 1
/** A run of unchanged blocks shorter than this is shown whole: folding one line saves nothing. */
const minFolded = 2

/** What the comparison shows, in order: a block, or a fold of unchanged blocks. */
export type CompareRow =
  | { kind: 'block'; index: number; change: BlockChange; hunk?: number }
  | { kind: 'folded'; start: number; count: number }

/**
 * The rows of a comparison: changed blocks (consecutive ones form one change, numbered from 0
 * in `hunk` on its first block), with long runs of unchanged blocks folded unless `unfolded`
 * holds the index where the run starts.
 */
export const compareRows = (
  changes: readonly BlockChange[],
  unfolded: ReadonlySet<number>,
): { rows: CompareRow[]; hunks: number } => {
  const rows: CompareRow[] = []
  let hunks = 0
  let index = 0
  while (index < changes.length) {
    const change = changes[index] as BlockChange
    if (change.op !== 'same') {
      const first = index === 0 || (changes[index - 1] as BlockChange).op === 'same'
      rows.push({ kind: 'block', index, change, ...(first ? { hunk: hunks++ } : {}) })
      index++
      continue
    }
    let end = index
    while (end < changes.length && (changes[end] as BlockChange).op === 'same') end++
    const keepBefore = index === 0 ? 0 : context
    const keepAfter = end === changes.length ? 0 : context
    const folded = end - index - keepBefore - keepAfter
    for (let at = index; at < end; at++) {
      const hidden = at >= index + keepBefore && at < end - keepAfter
      if (hidden && folded >= minFolded && !unfolded.has(index)) {
        if (at === index + keepBefore) rows.push({ kind: 'folded', start: index, count: folded })
        continue
      }
      rows.push({ kind: 'block', index: at, change: changes[at] as BlockChange })
    }
    index = end
  }
  return { rows, hunks }
}
