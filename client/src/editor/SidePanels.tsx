import { type KeyboardEvent, type ReactNode, useId, useRef } from 'react'
import type { MessageKey } from '../app/i18n/en.js'
import { useT } from '../app/i18n/i18n.js'

export type SideTab = 'comments' | 'suggestions' | 'clauses' | 'versions'
const tabs: readonly SideTab[] = ['comments', 'suggestions', 'clauses', 'versions']

const tabLabels = {
  comments: 'comments.title',
  suggestions: 'suggest.title',
  clauses: 'clause.title',
  versions: 'versions.title',
} as const satisfies Record<SideTab, MessageKey>

/**
 * The editor's side column: tabs for comments, suggestions and versions (WAI-ARIA tabs: arrow keys move
 * between them). The comments panel stays mounted while hidden, so a draft is never lost.
 */
export const SidePanels = ({
  tab,
  onTab,
  comments,
  suggestions,
  clauses,
  versions,
}: {
  tab: SideTab
  onTab: (tab: SideTab) => void
  comments: ReactNode
  suggestions: ReactNode
  clauses: ReactNode
  versions: ReactNode
}) => {
  const t = useT()
  const id = useId()
  const buttons = useRef<Partial<Record<SideTab, HTMLButtonElement | null>>>({})
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
    if (!step) return
    event.preventDefault()
    const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length] ?? tab
    onTab(next)
    buttons.current[next]?.focus()
  }
  const label = (value: SideTab) => t(tabLabels[value])
  return (
    <div className="side">
      <div className="side__tabs" role="tablist" aria-label={t('editor.panels')}>
        {tabs.map((value) => (
          <button
            key={value}
            ref={(element) => {
              buttons.current[value] = element
            }}
            type="button"
            role="tab"
            id={`${id}-${value}-tab`}
            aria-selected={tab === value}
            aria-controls={`${id}-${value}`}
            tabIndex={tab === value ? 0 : -1}
            className="side__tab"
            onClick={() => onTab(value)}
            onKeyDown={onKeyDown}
          >
            {label(value)}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${id}-comments`}
        aria-labelledby={`${id}-comments-tab`}
        hidden={tab !== 'comments'}
      >
        {comments}
      </div>
      <div
        role="tabpanel"
        id={`${id}-suggestions`}
        aria-labelledby={`${id}-suggestions-tab`}
        hidden={tab !== 'suggestions'}
      >
        {tab === 'suggestions' ? suggestions : null}
      </div>
      <div
        role="tabpanel"
        id={`${id}-clauses`}
        aria-labelledby={`${id}-clauses-tab`}
        hidden={tab !== 'clauses'}
      >
        {clauses}
      </div>
      <div
        role="tabpanel"
        id={`${id}-versions`}
        aria-labelledby={`${id}-versions-tab`}
        hidden={tab !== 'versions'}
      >
        {tab === 'versions' ? versions : null}
      </div>
    </div>
  )
}
