import { StakeholderGroup } from '../../../../shared/src/schema/people.js'
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
      onChange={(event) => onChange(StakeholderGroup.parse(event.target.value))}
    >
      <option value="" disabled>
        {t('people.chooseGroup')}
      </option>
      {StakeholderGroup.options.map((group) => (
        <option key={group} value={group}>
          {t(`group.${group}`)}
        </option>
      ))}
    </select>
  )
}
