import { useEffect, useId, useRef, useState } from 'react'
import type { ClauseAuthorship } from '../../../../shared/src/schema/authorship.js'
import type { BlockChange } from '../../../../shared/src/schema/version.js'
import { compareVersions, fetchAuthorship } from '../../api/versions.js'
import { useT } from '../../app/i18n/i18n.js'
import { useLoad } from '../../app/use-load.js'
import { Notice } from '../../ui/Notice.js'
import { ClauseGroups } from '../authorship/ClauseAuthorship.js'
import { AddedWords, BlockDiff, RemovedWords, Word } from './BlockDiff.js'
import { ChangeAuthors } from './ChangeAuthors.js'
import { ChangeNavigator } from './ChangeNavigator.js'
import { CompareEditors } from './CompareEditors.js'
import { type CompareRow, compareRows } from './compare-rows.js'

export interface Comparison {
  from: string
  to: string
  fromLabel: string
  toLabel: string
  /** When each state was saved; undefined for the current text. */
  fromAt?: string
  toAt?: string
}

/**
 * What changed between two states of the text, block by block: inline (one text, additions and
 * removals marked) or side by side (before | after). Colour is never the only sign: changed text
 * is also marked +/−, underlined or struck through, and named for screen readers.
 */
export const CompareView = ({
  documentId,
  comparison,
  onClose,
}: {
  documentId: string
  comparison: Comparison
  onClose: () => void
}) => {
  const t = useT()
  const headingId = useId()
  const heading = useRef<HTMLHeadingElement>(null)
  const [layout, setLayout] = useState<'inline' | 'side'>('inline')
  const { from, to } = comparison
  const [changes] = useLoad(() => compareVersions(documentId, from, to), [documentId, from, to])
  const [byGroup, setByGroup] = useState(false)
  const [authorship] = useLoad(
    async () => (byGroup ? (await fetchAuthorship(documentId, to)).clauses : undefined),
    [documentId, to, byGroup],
  )
  const clauses = authorship.state === 'ready' ? authorship.value : undefined
  // Take the reader to what they asked for.
  // biome-ignore lint/correctness/useExhaustiveDependencies: move focus for each new comparison
  useEffect(() => heading.current?.focus(), [from, to])
  return (
    <section className="compare panel" aria-labelledby={headingId} data-testid="compare">
      <div className="panel__header">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          {t('compare.heading', { from: comparison.fromLabel, to: comparison.toLabel })}
        </h2>
        <button type="button" className="button button--small" onClick={onClose}>
          {t('compare.close')}
        </button>
      </div>
      <fieldset className="segmented">
        <legend className="visually-hidden">{t('compare.layout')}</legend>
        {(['inline', 'side'] as const).map((value) => (
          <label key={value} className="segmented__option">
            <input
              type="radio"
              name={`${headingId}-layout`}
              value={value}
              checked={layout === value}
              onChange={() => setLayout(value)}
            />
            {value === 'inline' ? t('compare.inline') : t('compare.sideBySide')}
          </label>
        ))}
      </fieldset>
      <p className="small muted">{t('compare.legend')}</p>
      <button
        type="button"
        className="button button--small"
        aria-pressed={byGroup}
        onClick={() => setByGroup(!byGroup)}
      >
        {t('authorship.toggle')}
      </button>
      {changes.state === 'loading' ? <p className="loading">{t('common.loading')}</p> : null}
      {changes.state === 'failed' ? <Notice tone="error">{t('common.loadFailed')}</Notice> : null}
      <CompareEditors documentId={documentId} between={[comparison.fromAt, comparison.toAt]} />
      {changes.state === 'ready' ? (
        <Changes changes={changes.value} layout={layout} clauses={clauses} />
      ) : null}
    </section>
  )
}

/**
 * The changes, with long stretches of unchanged blocks folded away (each can be unfolded) and a
 * way to step from one change to the next.
 */
const Changes = ({
  changes,
  layout,
  clauses,
}: {
  changes: BlockChange[]
  layout: 'inline' | 'side'
  /** Who wrote each block of the later state, when asked for. */
  clauses: ClauseAuthorship[] | undefined
}) => {
  const t = useT()
  // Where each change's block is in the later state (a removed block has none).
  const afterIndex: number[] = []
  let after = 0
  for (const change of changes) afterIndex.push(change.op === 'removed' ? -1 : after++)
  const groupsOf = (row: Extract<CompareRow, { kind: 'block' }>) => {
    const clause = clauses?.[afterIndex[row.index] ?? -1]
    if (!clause || row.change.op === 'removed' || !clause.text) return null
    return <ClauseGroups byGroup={clause.byGroup} label={t('authorship.writtenBy')} />
  }
  const container = useRef<HTMLDivElement>(null)
  const [unfolded, setUnfolded] = useState<ReadonlySet<number>>(new Set())
  const count = (op: BlockChange['op']) => changes.filter((change) => change.op === op).length
  if (changes.every((change) => change.op === 'same')) {
    return <p className="notice notice--info">{t('compare.noChanges')}</p>
  }
  const { rows, hunks } = compareRows(changes, unfolded)
  const unfold = (start: number) => setUnfolded(new Set([...unfolded, start]))
  const fold = (row: Extract<CompareRow, { kind: 'folded' }>) => (
    <button type="button" className="diff-fold" onClick={() => unfold(row.start)}>
      {t('compare.showUnchanged', { count: row.count })}
    </button>
  )
  const anchor = (row: Extract<CompareRow, { kind: 'block' }>) =>
    row.hunk === undefined ? {} : { 'data-hunk': row.hunk, tabIndex: -1 }
  return (
    <div ref={container}>
      <p className="compare__summary">
        {t('compare.summary', {
          added: count('added'),
          removed: count('removed'),
          changed: count('changed'),
        })}
      </p>
      <ChangeNavigator hunks={hunks} container={container} />
      {layout === 'inline' ? (
        <div className="diff" data-testid="diff-inline">
          {rows.map((row) =>
            row.kind === 'folded' ? (
              <div key={`fold-${row.start}`}>{fold(row)}</div>
            ) : (
              <div key={row.index} className="diff-anchor" {...anchor(row)}>
                <BlockDiff change={row.change} />
                {groupsOf(row)}
              </div>
            ),
          )}
        </div>
      ) : (
        <table className="diff-table" data-testid="diff-side">
          <thead>
            <tr>
              <th scope="col">{t('compare.before')}</th>
              <th scope="col">{t('compare.after')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) =>
              row.kind === 'folded' ? (
                <tr key={`fold-${row.start}`}>
                  <td colSpan={2}>{fold(row)}</td>
                </tr>
              ) : (
                <SideRow key={row.index} change={row.change} {...anchor(row)} />
              ),
            )}
          </tbody>
        </table>
      )}
    </div>
  )
}

const SideRow = ({ change, ...anchor }: { change: BlockChange }) => (
  <tr className={`diff-row diff-row--${change.op}`} {...anchor}>
    <td>
      {change.op === 'changed' ? (
        <RemovedWords change={change} />
      ) : change.op === 'added' ? null : change.op === 'removed' ? (
        <Word word={{ op: 'removed', text: change.before ?? '' }} />
      ) : (
        change.before
      )}
    </td>
    <td>
      {change.op === 'changed' ? (
        <AddedWords change={change} />
      ) : change.op === 'removed' ? null : change.op === 'added' ? (
        <Word word={{ op: 'added', text: change.after ?? '' }} />
      ) : (
        change.after
      )}
      <ChangeAuthors insertedBy={change.insertedBy} removedBy={change.removedBy} />
    </td>
  </tr>
)
