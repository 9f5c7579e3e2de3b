import { Field } from './Field.js'

/** A whole number from 1 up, kept as the text typed (empty: none given). */
export const CountField = ({
  label,
  hint,
  value,
  onChange,
}: {
  label: string
  hint?: string
  value: string
  onChange: (value: string) => void
}) => (
  <Field label={label} {...(hint ? { hint } : {})}>
    {(props) => (
      <input
        {...props}
        type="number"
        inputMode="numeric"
        min={1}
        max={10_000}
        step={1}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    )}
  </Field>
)
