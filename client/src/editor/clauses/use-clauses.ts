import type { Editor } from '@tiptap/core'
import { fromBase64 } from 'lib0/buffer'
import { useEffect, useMemo, useState } from 'react'
import type * as Y from 'yjs'
import type { ClauseStatus } from '../../../../shared/src/schema/clause.js'
import { readPassage } from '../../../../shared/src/ydoc/clause-passage.js'
import { textFragmentName } from '../../../../shared/src/ydoc/rooms.js'
import { fetchClauses } from '../../api/versions.js'
import type { Translate } from '../../app/i18n/i18n.js'
import { useT } from '../../app/i18n/i18n.js'
import { usePolled } from '../../app/use-polled.js'
import { type MarginClause, setMarginClauses } from './clause-margin.js'

/** A clause as the plan shows it: how it stands, and its text in the live plan now. */
export interface ShownClause extends MarginClause {
  status: ClauseStatus
  /** The passage's text in the live plan; undefined once it was deleted. */
  liveText: string | undefined
}

/** How often the margin asks how clauses stand: positions are taken on the session page. */
const pollMs = 4000

const statusWords = (t: Translate, status: ClauseStatus): Pick<MarginClause, 'label' | 'tone'> => {
  if (status.state === 'decided') {
    if (status.outcome === 'adopted') return { label: t('clause.consented'), tone: 'consented' }
    return {
      label: t(status.outcome === 'rejected' ? 'clause.notConsented' : 'clause.deferred'),
      tone: 'closed',
    }
  }
  const { blocks = 0, objections = 0 } = status.tally ?? {}
  const standing = [
    ...(blocks > 0 ? [t(blocks === 1 ? 'clause.block' : 'clause.blocks', { count: blocks })] : []),
    ...(objections > 0
      ? [t(objections === 1 ? 'clause.objection' : 'clause.objections', { count: objections })]
      : []),
  ]
  return standing.length > 0
    ? { label: standing.join(', '), tone: 'objected' }
    : { label: t('clause.open'), tone: 'open' }
}

const shownClause = (t: Translate, fragment: Y.XmlFragment, status: ClauseStatus): ShownClause => {
  const start = fromBase64(status.passage.start)
  const end = fromBase64(status.passage.end)
  const reading = readPassage(fragment, start, end)
  const liveText = 'text' in reading ? reading.text : undefined
  const changed = liveText !== status.passage.text
  const words = statusWords(t, status)
  const note = liveText === undefined ? t('clause.goneShort') : t('clause.changedShort')
  return {
    id: status.proposalId,
    start,
    end,
    tone: words.tone,
    label: changed ? `${words.label} · ${note}` : words.label,
    changed,
    status,
    liveText,
  }
}

/**
 * The plan's anchored clauses, asked of the server every few seconds and read against the live
 * text on every change, so their marks follow edits and say when the text differs from what was
 * put to consent. Marks the editor's margin with them.
 */
export const useClauses = (editor: Editor | null, documentId: string, doc: Y.Doc) => {
  const t = useT()
  const { loaded, reload } = usePolled(() => fetchClauses(documentId), [documentId], {
    intervalMs: pollMs,
  })
  const [revision, setRevision] = useState(0)
  useEffect(() => {
    const changed = () => setRevision((value) => value + 1)
    doc.on('update', changed)
    return () => doc.off('update', changed)
  }, [doc])
  const statuses = loaded.state === 'ready' ? loaded.value : undefined
  // biome-ignore lint/correctness/useExhaustiveDependencies: `revision` stands for the live text
  const shown = useMemo(
    () =>
      (statuses ?? []).map((status) =>
        shownClause(t, doc.getXmlFragment(textFragmentName), status),
      ),
    [statuses, doc, t, revision],
  )
  useEffect(() => {
    if (!editor || editor.isDestroyed) return
    editor.view.dispatch(setMarginClauses(editor.state.tr, shown))
  }, [editor, shown])
  return { shown, loaded: statuses !== undefined, reload }
}
