import type { ChangeAuthor } from '../../../../shared/src/schema/version.js'
import { type Translate, useT } from '../../app/i18n/i18n.js'

const nameOf = (t: Translate, author: ChangeAuthor) =>
  author.kind === 'participant' ? author.displayName : t('compare.formerParticipant')

const namesOf = (t: Translate, authors: readonly ChangeAuthor[]) =>
  authors.map((author) => nameOf(t, author)).join(', ')

/** "Added by Ayu; removed by Budi": what each person did to a change, in one sentence. */
export const authorsSentence = (
  t: Translate,
  insertedBy: readonly ChangeAuthor[] = [],
  removedBy: readonly ChangeAuthor[] = [],
): string | undefined => {
  const parts = [
    insertedBy.length > 0 ? t('compare.insertedBy', { names: namesOf(t, insertedBy) }) : '',
    removedBy.length > 0 ? t('compare.removedBy', { names: namesOf(t, removedBy) }) : '',
  ].filter(Boolean)
  return parts.length > 0 ? parts.join('; ') : undefined
}

/**
 * Who made a change, beside it: their names at a glance ("Ayu, Budi"), and for screen readers
 * and on hover who added and who removed what.
 */
export const ChangeAuthors = ({
  insertedBy = [],
  removedBy = [],
}: {
  insertedBy?: readonly ChangeAuthor[]
  removedBy?: readonly ChangeAuthor[]
}) => {
  const t = useT()
  const sentence = authorsSentence(t, insertedBy, removedBy)
  if (!sentence) return null
  const key = (author: ChangeAuthor) =>
    author.kind === 'participant' ? author.participantId : author.kind
  const everyone = new Map([...insertedBy, ...removedBy].map((author) => [key(author), author]))
  return (
    <span className="diff-authors" title={sentence} data-testid="change-authors">
      <span aria-hidden="true">{namesOf(t, [...everyone.values()])}</span>
      <span className="visually-hidden">{sentence}</span>
    </span>
  )
}
