import type { Editor } from '@tiptap/core'
import { useEditorState } from '@tiptap/react'
import type { ReactNode } from 'react'
import { useT } from '../../app/i18n/i18n.js'
import { type Suggestion, type SuggestionFilter, suggestionsIn } from './suggestions.js'

/** Suggestions by the person who made them, in the order their first one appears. */
const byAuthor = (suggestions: readonly Suggestion[]) => {
  const authors = new Map<string, Suggestion[]>()
  for (const suggestion of suggestions) {
    const list = authors.get(suggestion.authorId)
    if (list) list.push(suggestion)
    else authors.set(suggestion.authorId, [suggestion])
  }
  return [...authors.values()]
}

/**
 * Every suggestion in the plan; writers accept or reject each, or all from one person. Its
 * author may withdraw one (`meId`, while they may suggest); anyone who may comment starts a
 * thread on it (`onDiscuss`), where an `@name` tells that person, as in any comment.
 */
export const SuggestionsPanel = ({
  editor,
  canWrite,
  meId,
  maySuggest,
  onDiscuss,
  children,
}: {
  editor: Editor
  canWrite: boolean
  meId: string
  maySuggest: boolean
  onDiscuss?: ((suggestion: Suggestion) => void) | undefined
  /** Settings shown under the heading (the facilitator's). */
  children?: ReactNode
}) => {
  const t = useT()
  const suggestions = useEditorState({
    editor,
    selector: ({ editor: current }) => suggestionsIn(current.state.doc),
    equalityFn: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  })
  const settle = (filter: SuggestionFilter, accept: boolean) => {
    const chain = editor.chain()
    ;(accept ? chain.acceptSuggestions(filter) : chain.rejectSuggestions(filter)).run()
  }
  return (
    <section className="suggestions" aria-labelledby="suggestions-heading">
      <h2 id="suggestions-heading">{t('suggest.title')}</h2>
      {children}
      {suggestions.length === 0 ? <p className="muted">{t('suggest.none')}</p> : null}
      {byAuthor(suggestions).map((mine) => {
        const first = mine[0] as Suggestion
        const who = t('suggest.by', { name: first.authorName, group: t(`group.${first.group}`) })
        return (
          <section key={first.authorId} className={`suggestion-author group-${first.group}`}>
            <h3 className="suggestion-author__name">{who}</h3>
            <ol className="suggestion-list">
              {mine.map((suggestion) => {
                const kind = t(suggestion.kind === 'insert' ? 'suggest.insert' : 'suggest.delete')
                const values = { kind, text: suggestion.text }
                return (
                  <li key={`${suggestion.kind}:${suggestion.id}`} className="suggestion-item">
                    <span
                      className={`suggestion-item__kind suggestion-item__kind--${suggestion.kind}`}
                    >
                      {kind}
                    </span>{' '}
                    <span className="suggestion-item__text">{suggestion.text}</span>
                    {canWrite ? (
                      <span className="suggestion-item__actions">
                        <button
                          type="button"
                          className="button button--small"
                          aria-label={t('suggest.acceptLabel', values)}
                          onClick={() => settle({ id: suggestion.id }, true)}
                        >
                          {t('suggest.accept')}
                        </button>
                        <button
                          type="button"
                          className="button button--small"
                          aria-label={t('suggest.rejectLabel', values)}
                          onClick={() => settle({ id: suggestion.id }, false)}
                        >
                          {t('suggest.reject')}
                        </button>
                      </span>
                    ) : null}
                    {!canWrite && maySuggest && suggestion.authorId === meId ? (
                      <span className="suggestion-item__actions">
                        <button
                          type="button"
                          className="button button--small"
                          aria-label={t('suggest.withdrawLabel', values)}
                          onClick={() => settle({ id: suggestion.id }, false)}
                        >
                          {t('suggest.withdraw')}
                        </button>
                      </span>
                    ) : null}
                    {onDiscuss ? (
                      <span className="suggestion-item__actions">
                        <button
                          type="button"
                          className="button button--small"
                          aria-label={t('suggest.discussLabel', values)}
                          onClick={() => onDiscuss(suggestion)}
                        >
                          {t('suggest.discuss')}
                        </button>
                      </span>
                    ) : null}
                  </li>
                )
              })}
            </ol>
            {canWrite && mine.length > 1 ? (
              <div className="suggestion-author__actions">
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => settle({ authorId: first.authorId }, true)}
                >
                  {t('suggest.acceptAllBy', { name: first.authorName })}
                </button>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => settle({ authorId: first.authorId }, false)}
                >
                  {t('suggest.rejectAllBy', { name: first.authorName })}
                </button>
              </div>
            ) : null}
          </section>
        )
      })}
    </section>
  )
}
