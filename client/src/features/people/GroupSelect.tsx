import {
  isStakeholderGroup,
  type StakeholderGroup,
  stakeholderGroups,
} from '../../../../shared/src/schema/stakeholder-groups.js'
import { useT } from '../../app/i18n/i18n.js'

/**
 * A required choice of stakeholder group, labelled in the reader's language. It starts empty:
 * a preset group would be a guess that quietly skews who the workspace thinks is present.
 */
export const GroupSelect = ({
  value,
  onChange,
  ...props
}: {
  id: string
  value: StakeholderGroup | undefined
  onChange: (group: StakeholderGroup) => void
  'aria-describedby'?: string
}) => {
  const t = useT()
  return (
    <select
      {...props}
      required
      value={value ?? ''}
      onChange={(event) => {
        if (isStakeholderGroup(event.target.value)) onChange(event.target.value)
      }}
    >
      <option value="" disabled>
        {t('people.chooseGroup')}
      </option>
      {stakeholderGroups.map((group) => (
        <option key={group} value={group}>
          {t(`group.${group}`)}
        </option>
      ))}
    </select>
  )
}
