import { Role } from '../../../../shared/src/schema/people.js'
import { useT } from '../../app/i18n/i18n.js'
import { roleLabel } from './role-label.js'

export const RoleSelect = ({
  value,
  onChange,
  ...props
}: {
  id: string
  value: Role
  onChange: (role: Role) => void
  'aria-describedby'?: string
}) => {
  const t = useT()
  return (
    <select {...props} value={value} onChange={(event) => onChange(Role.parse(event.target.value))}>
      {Role.options.map((role) => (
        <option key={role} value={role}>
          {t(roleLabel[role])}
        </option>
      ))}
    </select>
  )
}
