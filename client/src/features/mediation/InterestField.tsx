import { useEffect, useRef, useState } from 'react'
import { Field } from '../../ui/Field.js'

/** How long typing may pause before the text is written to the board. */
const settleMs = 600

/**
 * What one party needs from one issue. Written to the board when the person pauses or leaves the
 * field (last write wins); while they type, others' changes do not overwrite their draft.
 */
export const InterestField = ({
  label,
  value,
  onWrite,
}: {
  label: string
  value: string
  onWrite: (value: string) => void
}) => {
  const [draft, setDraft] = useState(value)
  const [editing, setEditing] = useState(false)
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  /** Typed but not yet written. */
  const pending = useRef<string>(undefined)
  const write = useRef(onWrite)
  write.current = onWrite
  const flush = useRef(() => {
    clearTimeout(timer.current)
    if (pending.current !== undefined) write.current(pending.current)
    pending.current = undefined
  }).current
  useEffect(() => {
    if (!editing) setDraft(value)
  }, [value, editing])
  // Leaving the page writes what was typed.
  useEffect(() => flush, [flush])
  return (
    <Field label={label}>
      {(props) => (
        <textarea
          {...props}
          rows={2}
          maxLength={2000}
          value={draft}
          onFocus={() => setEditing(true)}
          onChange={(event) => {
            const text = event.target.value
            setDraft(text)
            pending.current = text
            clearTimeout(timer.current)
            timer.current = setTimeout(flush, settleMs)
          }}
          onBlur={() => {
            flush()
            setEditing(false)
          }}
        />
      )}
    </Field>
  )
}
