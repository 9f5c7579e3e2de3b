import type { StakeholderGroup } from '../../../../shared/src/schema/people.js'
import { useT } from '../../app/i18n/i18n.js'

/** A participant's stakeholder group, in the group's colour (a CSS class, not inline style). */
export const GroupBadge = ({ group }: { group: StakeholderGroup }) => {
  const t = useT()
  return <span className={`group-badge group-${group}`}>{t(`group.${group}`)}</span>
}
