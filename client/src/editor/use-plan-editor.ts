import { type Editor, useEditor } from '@tiptap/react'
import { useEffect } from 'react'
import type { Participant } from '../../../shared/src/schema/people.js'
import type { RoomConnection } from '../sync/room-connection.js'
import { planExtensions } from './extensions.js'
import { useTextArrived } from './use-text-arrived.js'

const textAttributes = (label: string, canWrite: boolean): Record<string, string> => ({
  class: 'plan-text',
  'aria-label': label,
  'aria-multiline': 'true',
  role: 'textbox',
  ...(canWrite ? {} : { 'aria-readonly': 'true' }),
})

/**
 * The rich-text editor on a text room (a document's or a caucus's), named `label` for screen
 * readers; editable only while `canWrite`, which may change while the page is open (a new role,
 * a closed caucus), and only once the text has arrived (`useTextArrived`).
 */
export const usePlanEditor = ({
  text,
  me,
  label,
  canWrite,
  onActivateThread,
}: {
  text: RoomConnection
  me: Participant
  label: string
  canWrite: boolean
  onActivateThread: (threadId: string) => void
}): Editor | null => {
  const arrived = useTextArrived(text)
  const editable = canWrite && arrived
  const editor = useEditor(
    {
      extensions: planExtensions(text, me, onActivateThread),
      editable,
      // The server's CSP forbids inline <style>; app.css carries ProseMirror's few rules.
      injectCSS: false,
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      editorProps: { attributes: textAttributes(label, editable) },
    },
    [text],
  )
  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    editor.setOptions({
      editable,
      editorProps: { ...editor.options.editorProps, attributes: textAttributes(label, editable) },
    })
  }, [editor, editable, label])
  return editor
}
