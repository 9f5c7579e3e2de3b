import { Field } from './Field.js'

/** One of a fixed list of values (an enum's options), each shown by its `name`. */
export const ChoiceField = <Value extends string>({
  label,
  options,
  value,
  onChange,
  name,
}: {
  label: string
  options: readonly Value[]
  value: Value
  onChange: (value: Value) => void
  name: (value: Value) => string
}) => (
  <Field label={label}>
    {(props) => (
      <select
        {...props}
        value={value}
        onChange={(event) => {
          const chosen = options.find((option) => option === event.target.value)
          if (chosen !== undefined) onChange(chosen)
        }}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {name(option)}
          </option>
        ))}
      </select>
    )}
  </Field>
)
