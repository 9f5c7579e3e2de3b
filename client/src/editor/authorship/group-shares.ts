import type { CharactersByGroup } from '../../../../shared/src/schema/authorship.js'

/** Groups by how much of the text they wrote, largest first, in whole percent. */
export const groupShares = (byGroup: CharactersByGroup): { group: string; percent: number }[] => {
  const total = Object.values(byGroup).reduce((sum, count) => sum + count, 0)
  if (total === 0) return []
  return Object.entries(byGroup)
    .sort(([, a], [, b]) => b - a)
    .map(([group, count]) => ({ group, percent: Math.round((count / total) * 100) }))
}
