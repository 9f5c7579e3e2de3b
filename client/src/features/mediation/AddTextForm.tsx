import { type FormEvent, useState } from 'react'
import { useT } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { Field } from '../../ui/Field.js'
import { explainBoardRefusal } from './explain-refusal.js'

/**
 * One labelled line and a button: adds an issue or an option to the board. The text stays, with
 * the server's reason under it, if the board refuses it.
 */
export const AddTextForm = ({
  label,
  button,
  maxLength,
  onAdd,
}: {
  label: string
  button: string
  maxLength: number
  onAdd: (text: string) => Promise<void>
}) => {
  const t = useT()
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ text: Message }>()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const value = text.trim()
    if (!value || busy) return
    setBusy(true)
    setError(undefined)
    try {
      await onAdd(value)
      setText('')
    } catch (failure) {
      setError({ text: (t) => explainBoardRefusal(t, failure, 'add') })
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="inline-form add-text" onSubmit={submit} aria-label={button}>
      <Field label={label} error={error?.text(t)}>
        {(props) => (
          <input
            {...props}
            required
            maxLength={maxLength}
            value={text}
            onChange={(event) => {
              setText(event.target.value)
              setError(undefined)
            }}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={busy}>
        {button}
      </button>
    </form>
  )
}
