import { Field } from './Field.js'

/** One line of text the form needs, at most `maxLength` characters (the server's limit). */
export const TextField = ({
  label,
  value,
  onChange,
  maxLength,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  maxLength: number
}) => (
  <Field label={label}>
    {(props) => (
      <input
        {...props}
        required
        maxLength={maxLength}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    )}
  </Field>
)
