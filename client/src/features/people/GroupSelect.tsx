import {
  isStakeholderGroup,
  type StakeholderGroup,
  stakeholderGroups,
} from '../../../../shared/src/schema/stakeholder-groups.js'
import { useT } from '../../app/i18n/i18n.js'

/** A choice of stakeholder group, labelled in the reader's language. */
export const GroupSelect = ({
  value,
  onChange,
  ...props
}: {
  id: string
  value: StakeholderGroup
  onChange: (group: StakeholderGroup) => void
  'aria-describedby'?: string
}) => {
  const t = useT()
  return (
    <select
      {...props}
      value={value}
      onChange={(event) => {
        if (isStakeholderGroup(event.target.value)) onChange(event.target.value)
      }}
    >
      {stakeholderGroups.map((group) => (
        <option key={group} value={group}>
          {t(`group.${group}`)}
        </option>
      ))}
    </select>
  )
}
