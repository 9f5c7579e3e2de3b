import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import type { MessageKey } from '../app/i18n/en.js'
import { useT } from '../app/i18n/i18n.js'
import { normaliseLink } from './safe-link.js'

interface Tool {
  label: MessageKey
  symbol: string
  isActive: (editor: Editor) => boolean
  run: (editor: Editor) => void
}

const tools: Tool[] = [
  {
    label: 'toolbar.bold',
    symbol: 'B',
    isActive: (e) => e.isActive('bold'),
    run: (e) => e.chain().focus().toggleBold().run(),
  },
  {
    label: 'toolbar.italic',
    symbol: 'I',
    isActive: (e) => e.isActive('italic'),
    run: (e) => e.chain().focus().toggleItalic().run(),
  },
  {
    label: 'toolbar.heading2',
    symbol: 'H2',
    isActive: (e) => e.isActive('heading', { level: 2 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
  },
  {
    label: 'toolbar.heading3',
    symbol: 'H3',
    isActive: (e) => e.isActive('heading', { level: 3 }),
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
  },
  {
    label: 'toolbar.bulletList',
    symbol: '•',
    isActive: (e) => e.isActive('bulletList'),
    run: (e) => e.chain().focus().toggleBulletList().run(),
  },
  {
    label: 'toolbar.orderedList',
    symbol: '1.',
    isActive: (e) => e.isActive('orderedList'),
    run: (e) => e.chain().focus().toggleOrderedList().run(),
  },
  {
    label: 'toolbar.quote',
    symbol: '❝',
    isActive: (e) => e.isActive('blockquote'),
    run: (e) => e.chain().focus().toggleBlockquote().run(),
  },
]

/** Formatting for writers; commenting on the selection for everyone who may comment. */
export const Toolbar = ({
  editor,
  canWrite,
  canComment,
  onComment,
  onProposeClause,
}: {
  editor: Editor
  canWrite: boolean
  canComment: boolean
  onComment: () => void
  /** For those who run sessions: put the selected passage to consent. */
  onProposeClause?: (() => void) | undefined
}) => {
  const t = useT()
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      active: tools.map((tool) => tool.isActive(current)),
      link: current.isActive('link'),
      suggesting: current.storage.suggestions?.on ?? false,
      empty: current.state.selection.empty,
    }),
  })
  const setLink = () => {
    if (state.link) {
      editor.chain().focus().unsetLink().run()
      return
    }
    const input = window.prompt(t('toolbar.linkPrompt'))
    if (input === null) return
    const href = normaliseLink(input)
    if (!href) {
      window.alert(t('toolbar.linkUnsafe'))
      return
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href }).run()
  }
  if (!canWrite && !canComment) return null
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      {canWrite
        ? tools.map((tool, index) => (
            <button
              key={tool.label}
              type="button"
              className="toolbar__button toolbar__button--symbol"
              aria-pressed={state.active[index] ?? false}
              title={t(tool.label)}
              // The symbol is drawn by CSS, so the button's name is exactly its label.
              data-symbol={tool.symbol}
              onClick={() => tool.run(editor)}
            >
              <span className="visually-hidden">{t(tool.label)}</span>
            </button>
          ))
        : null}
      {canWrite ? (
        <button
          type="button"
          className="toolbar__button"
          aria-pressed={state.link}
          onClick={setLink}
          title={t('toolbar.link')}
        >
          {t('toolbar.link')}
        </button>
      ) : null}
      {canWrite ? (
        <button
          type="button"
          className="toolbar__button toolbar__button--suggest"
          aria-pressed={state.suggesting}
          title={t('suggest.modeHint')}
          onClick={() => editor.chain().focus().setSuggesting(!state.suggesting).run()}
        >
          {t('suggest.mode')}
        </button>
      ) : null}
      {canComment ? (
        <button
          type="button"
          className="toolbar__button toolbar__button--comment"
          onClick={onComment}
          disabled={state.empty}
          aria-keyshortcuts="Control+Alt+M"
          title={state.empty ? t('toolbar.commentHint') : t('toolbar.comment')}
        >
          {t('toolbar.comment')}
        </button>
      ) : null}
      {onProposeClause ? (
        <button
          type="button"
          className="toolbar__button toolbar__button--clause"
          onClick={onProposeClause}
          disabled={state.empty}
          title={t('clause.propose')}
        >
          {t('clause.propose')}
        </button>
      ) : null}
    </div>
  )
}
