import { useEffect, useRef } from 'react'

/**
 * The button that opens a form, focused again when the form closes (saved or cancelled), so
 * keyboard and screen-reader users are not left at the top of the page.
 */
export const useFocusAfterClose = (open: boolean) => {
  const ref = useRef<HTMLButtonElement>(null)
  const wasOpen = useRef(open)
  useEffect(() => {
    if (wasOpen.current && !open) ref.current?.focus()
    wasOpen.current = open
  }, [open])
  return ref
}
