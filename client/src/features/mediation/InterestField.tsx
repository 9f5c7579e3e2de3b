import { useEffect, useRef, useState } from 'react'
import { useT } from '../../app/i18n/i18n.js'
import type { Message } from '../../app/i18n/message.js'
import { Field } from '../../ui/Field.js'
import { explainBoardRefusal } from './explain-refusal.js'

/** How long typing may pause before the text is written to the board. */
const settleMs = 600

/**
 * What one party needs from one issue. Sent to the server when the person pauses or leaves the
 * field (last write wins; one write at a time, so they arrive in order); while they type, others'
 * changes do not overwrite their draft. The draft also stays until the board shows what was
 * written, and stays with the reason next to it if the server refuses it: the next pause, leaving
 * the field or leaving the page sends it again.
 */
export const InterestField = ({
  label,
  value,
  onWrite,
}: {
  label: string
  value: string
  onWrite: (value: string) => Promise<void>
}) => {
  const t = useT()
  const [draft, setDraft] = useState(value)
  const [editing, setEditing] = useState(false)
  const [sending, setSending] = useState(false)
  const [error, setError] = useState<{ text: Message }>()
  /** Written, not yet on the board: the (trimmed) text awaited, and the value shown when written. */
  const [awaited, setAwaited] = useState<{ text: string; shown: string }>()
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  /** Typed (or refused) but not yet sent. */
  const pending = useRef<string>(undefined)
  /** Typed while a write was on its way: sent when it is answered. */
  const queued = useRef<string>(undefined)
  const inFlight = useRef(false)
  const write = useRef(onWrite)
  write.current = onWrite
  const shown = useRef(value)
  shown.current = value
  const send = useRef((text: string): void => {
    if (inFlight.current) {
      queued.current = text
      return
    }
    inFlight.current = true
    setSending(true)
    write
      .current(text)
      .then(
        () => {
          setError(undefined)
          setAwaited({ text: text.trim(), shown: shown.current })
        },
        (failure: unknown) => {
          setError({ text: (t) => explainBoardRefusal(t, failure, 'interest') })
          // Kept to be sent again, unless something newer was typed meanwhile.
          if (pending.current === undefined && queued.current === undefined) {
            pending.current = text
          }
        },
      )
      .finally(() => {
        inFlight.current = false
        const next = queued.current
        queued.current = undefined
        if (next === undefined) setSending(false)
        else send(next)
      })
  }).current
  const flush = useRef(() => {
    clearTimeout(timer.current)
    const text = pending.current
    pending.current = undefined
    if (text !== undefined) send(text)
  }).current
  useEffect(() => {
    // The draft follows the board only when nothing of it is on its way or refused.
    if (editing || sending || error !== undefined) return
    if (awaited) {
      // Until the board shows what was written (or anything newer than when it was written).
      if (value !== awaited.text && value === awaited.shown) return
      setAwaited(undefined)
    }
    setDraft(value)
  }, [value, editing, sending, error, awaited])
  // Leaving the page writes what was typed.
  useEffect(() => flush, [flush])
  const shownError = error ? t('mediation.interestNotSaved', { reason: error.text(t) }) : undefined
  return (
    <div className="interest-field">
      <Field label={label} error={shownError}>
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
      {/* A refusal usually comes after the person has left the field: say it aloud. */}
      <p className="visually-hidden" role="status">
        {shownError}
      </p>
    </div>
  )
}
