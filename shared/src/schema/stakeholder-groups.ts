/**
 * The penta-helix of a smart-city programme, plus individual citizens, as plain constants: the
 * start and join pages offer these without loading zod (people.ts builds the schema from them).
 */
export const stakeholderGroups = [
  'government',
  'business',
  'academia',
  'community',
  'media',
  'citizen',
] as const
export type StakeholderGroup = (typeof stakeholderGroups)[number]

/** One colour per stakeholder group, for carets and presence (WCAG AA on white). */
export const groupColor: Record<StakeholderGroup, string> = {
  government: '#1d4ed8',
  business: '#b45309',
  academia: '#7e22ce',
  community: '#15803d',
  media: '#be123c',
  citizen: '#0f766e',
}

export const isStakeholderGroup = (value: string): value is StakeholderGroup =>
  (stakeholderGroups as readonly string[]).includes(value)
