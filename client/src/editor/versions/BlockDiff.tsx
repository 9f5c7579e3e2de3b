import type { BlockChange, WordChange } from '../../../../shared/src/schema/version.js'
import { useT } from '../../app/i18n/i18n.js'
import { authorsSentence, ChangeAuthors } from './ChangeAuthors.js'

const blockClass = (change: BlockChange) =>
  `diff-block diff-block--${change.op}${/heading/i.test(change.type) ? ' diff-block--heading' : ''}`

/** One block of the inline comparison, labelled by what happened to it. */
export const BlockDiff = ({ change }: { change: BlockChange }) => {
  const t = useT()
  if (change.op === 'same') return <p className={blockClass(change)}>{change.after}</p>
  if (change.op === 'added') {
    return (
      <div className={blockClass(change)}>
        <span className="diff-label diff-label--added">+ {t('compare.addedBlock')}</span>
        <ChangeAuthors insertedBy={change.insertedBy} />
        <ins className="diff-word diff-word--added">
          <span className="diff-text">{change.after}</span>
        </ins>
      </div>
    )
  }
  if (change.op === 'removed') {
    return (
      <div className={blockClass(change)}>
        <span className="diff-label diff-label--removed">− {t('compare.removedBlock')}</span>
        <ChangeAuthors removedBy={change.removedBy} />
        <del className="diff-word diff-word--removed">
          <span className="diff-text">{change.before}</span>
        </del>
      </div>
    )
  }
  return (
    <div className={blockClass(change)}>
      <span className="diff-label diff-label--changed">± {t('compare.changedBlock')}</span>
      <ChangeAuthors insertedBy={change.insertedBy} removedBy={change.removedBy} />
      <p>
        {(change.words ?? []).map((word, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: words have no ids; order is the identity
          <Word key={index} word={word} />
        ))}
      </p>
    </div>
  )
}

/** A run of words: plain when unchanged, else marked, with its change named for screen readers. */
export const Word = ({ word }: { word: WordChange }) => {
  const t = useT()
  if (word.op === 'same') return <>{word.text}</>
  const Tag = word.op === 'added' ? 'ins' : 'del'
  // Who wrote or removed just these words, on hover; the block's label says it for everyone.
  const by = word.op === 'added' ? authorsSentence(t, word.by) : authorsSentence(t, [], word.by)
  return (
    <Tag className={`diff-word diff-word--${word.op}`} title={by}>
      <span className="visually-hidden">
        {t(word.op === 'added' ? 'compare.addedStart' : 'compare.removedStart')}
      </span>
      <span className="diff-mark" aria-hidden="true">
        {word.op === 'added' ? '+' : '−'}
      </span>
      <span className="diff-text">{word.text}</span>
      <span className="visually-hidden">{t('compare.end')}</span>
    </Tag>
  )
}

/** The "before" side of a changed block: its unchanged and removed words. */
export const RemovedWords = ({ change }: { change: BlockChange }) => (
  <>
    {(change.words ?? [])
      .filter((word) => word.op !== 'added')
      .map((word, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: words have no ids; order is the identity
        <Word key={index} word={word} />
      ))}
  </>
)

/** The "after" side of a changed block: its unchanged and added words. */
export const AddedWords = ({ change }: { change: BlockChange }) => (
  <>
    {(change.words ?? [])
      .filter((word) => word.op !== 'removed')
      .map((word, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: words have no ids; order is the identity
        <Word key={index} word={word} />
      ))}
  </>
)
