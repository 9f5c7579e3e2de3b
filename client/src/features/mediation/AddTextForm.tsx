import { type FormEvent, useState } from 'react'
import { Field } from '../../ui/Field.js'

/** One labelled line and a button: adds an issue or an option to the board. */
export const AddTextForm = ({
  label,
  button,
  maxLength,
  onAdd,
}: {
  label: string
  button: string
  maxLength: number
  onAdd: (text: string) => void
}) => {
  const [text, setText] = useState('')
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const value = text.trim()
    if (!value) return
    onAdd(value)
    setText('')
  }
  return (
    <form className="inline-form add-text" onSubmit={submit} aria-label={button}>
      <Field label={label}>
        {(props) => (
          <input
            {...props}
            required
            maxLength={maxLength}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button">
        {button}
      </button>
    </form>
  )
}
