import type { BlockChange } from '../../../../shared/src/schema/version.js'
import { BlockDiff } from '../../editor/versions/BlockDiff.js'

/** The blocks that differ between two texts, marked as the version comparison marks them. */
export const TextChanges = ({ changes }: { changes: readonly BlockChange[] }) => (
  <div className="text-changes" data-testid="text-changes">
    {changes
      .filter((change) => change.op !== 'same')
      .map((change, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no ids; order is the identity
        <BlockDiff key={index} change={change} />
      ))}
  </div>
)

/** Whether a comparison found any difference at all. */
export const differs = (changes: readonly BlockChange[]): boolean =>
  changes.some((change) => change.op !== 'same')
