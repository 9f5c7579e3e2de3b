import { useEffect, useId, useRef, useState } from 'react'
import type { BlockChange } from '../../../../shared/src/schema/version.js'
import { compareVersions } from '../../api/versions.js'
import { useT } from '../../app/i18n/i18n.js'
import { useLoad } from '../../app/use-load.js'
import { Notice } from '../../ui/Notice.js'
import { AddedWords, BlockDiff, RemovedWords, Word } from './BlockDiff.js'

export interface Comparison {
  from: string
  to: string
  fromLabel: string
  toLabel: string
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
      {changes.state === 'loading' ? <p className="loading">{t('common.loading')}</p> : null}
      {changes.state === 'failed' ? <Notice tone="error">{t('common.loadFailed')}</Notice> : null}
      {changes.state === 'ready' ? <Changes changes={changes.value} layout={layout} /> : null}
    </section>
  )
}

const Changes = ({ changes, layout }: { changes: BlockChange[]; layout: 'inline' | 'side' }) => {
  const t = useT()
  const count = (op: BlockChange['op']) => changes.filter((change) => change.op === op).length
  if (changes.every((change) => change.op === 'same')) {
    return <p className="notice notice--info">{t('compare.noChanges')}</p>
  }
  const summary = t('compare.summary', {
    added: count('added'),
    removed: count('removed'),
    changed: count('changed'),
  })
  if (layout === 'inline') {
    return (
      <>
        <p className="compare__summary">{summary}</p>
        <div className="diff" data-testid="diff-inline">
          {changes.map((change, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no ids; order is the identity
            <BlockDiff key={index} change={change} />
          ))}
        </div>
      </>
    )
  }
  return (
    <>
      <p className="compare__summary">{summary}</p>
      <table className="diff-table" data-testid="diff-side">
        <thead>
          <tr>
            <th scope="col">{t('compare.before')}</th>
            <th scope="col">{t('compare.after')}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: blocks have no ids; order is the identity
            <tr key={index} className={`diff-row diff-row--${change.op}`}>
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
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}
