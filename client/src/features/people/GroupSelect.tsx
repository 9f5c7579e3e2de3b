import { StakeholderGroup } from '../../../../shared/src/schema/people.js'
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
      onChange={(event) => onChange(StakeholderGroup.parse(event.target.value))}
    >
      {StakeholderGroup.options.map((group) => (
        <option key={group} value={group}>
          {t(`group.${group}`)}
        </option>
      ))}
    </select>
  )
}
