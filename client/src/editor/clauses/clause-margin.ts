import { Extension } from '@tiptap/core'
import { type EditorState, Plugin, PluginKey, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { resolveRange } from '../comments/anchors.js'

/** How a clause is marked: its status in words, and a tone for its colour. */
export interface MarginClause {
  id: string
  start: Uint8Array
  end: Uint8Array
  /** "§ consented", "2 objections", "open", with "text changed" when the live text differs. */
  label: string
  tone: 'open' | 'objected' | 'consented' | 'closed'
  changed: boolean
}

interface MarginState {
  clauses: MarginClause[]
  decorations: DecorationSet
}

export const clauseMarginKey = new PluginKey<MarginState>('clauseMargin')

/** Tells the plugin which clauses to mark, and how each stands. */
export const setMarginClauses = (tr: Transaction, clauses: MarginClause[]): Transaction =>
  tr.setMeta(clauseMarginKey, clauses)

const badge = (clause: MarginClause) => () => {
  const element = document.createElement('span')
  element.className = `clause-badge clause-badge--${clause.tone}`
  element.contentEditable = 'false'
  element.dataset.clauseId = clause.id
  element.textContent = clause.label
  return element
}

const decorate = (state: EditorState, clauses: MarginClause[]): MarginState => {
  const decorations: Decoration[] = []
  for (const clause of clauses) {
    const range = resolveRange(state, clause.start, clause.end)
    if (!range) continue
    const changed = clause.changed ? ' clause-passage--changed' : ''
    decorations.push(
      Decoration.inline(range.from, range.to, {
        class: `clause-passage clause-passage--${clause.tone}${changed}`,
        'data-clause-id': clause.id,
      }),
      Decoration.widget(range.from, badge(clause), {
        side: -1,
        key: `${clause.id}:${clause.tone}:${clause.label}`,
      }),
    )
  }
  return { clauses, decorations: DecorationSet.create(state.doc, decorations) }
}

/**
 * Marks each clause put to consent in the plan's text, with its status beside it. Like the
 * comment highlights, positions come from the Yjs anchors whenever the text changes through Yjs
 * (only then is the sync plugin's mapping current); local keystrokes map the marks forward.
 */
export const ClauseMargin = Extension.create({
  name: 'clauseMargin',
  addProseMirrorPlugins() {
    return [
      new Plugin<MarginState>({
        key: clauseMarginKey,
        state: {
          init: () => ({ clauses: [], decorations: DecorationSet.empty }),
          apply(tr, value, _old, state) {
            const meta = tr.getMeta(clauseMarginKey) as MarginClause[] | undefined
            if (meta) return decorate(state, meta)
            if (tr.getMeta(ySyncPluginKey) !== undefined) return decorate(state, value.clauses)
            if (!tr.docChanged) return value
            return { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) }
          },
        },
        props: { decorations: (state) => clauseMarginKey.getState(state)?.decorations },
      }),
    ]
  },
})
