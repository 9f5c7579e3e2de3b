import type { Mediation } from '../../../../shared/src/schema/mediation.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import {
  addIssue,
  addOption,
  removeIssue,
  removeOption,
  setInterest,
} from '../../../../shared/src/ydoc/mediation-board.js'
import { roomPermission } from '../../../../shared/src/ydoc/rooms.js'
import { useT } from '../../app/i18n/i18n.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'
import { AddTextForm } from './AddTextForm.js'
import { IssueCard } from './IssueCard.js'
import { useBoard } from './use-board.js'

/**
 * The issues and options board, live for everyone in the session: those who may write add
 * issues, state each party's interests and put options on the table; the others follow it.
 */
export const IssueBoard = ({
  workspaceId,
  me,
  mediation,
}: {
  workspaceId: string
  me: Participant
  mediation: Mediation
}) => {
  const t = useT()
  const board = useBoard(workspaceId, mediation.boardRoom)
  const canWrite = roomPermission(me.role, 'board') === 'write'
  // The server refuses interests stated for a party by anyone but its representatives and the
  // mediator, so only those get a field.
  const mediates = me.id === mediation.mediatorId && me.role === 'mediator'
  const speaksFor = (partyId: string) =>
    mediates ||
    mediation.parties.some(
      (party) =>
        party.id === partyId && party.members.some((member) => member.participantId === me.id),
    )
  const status =
    board.state === 'open' ? (
      <span className="board-status" data-testid="board-status">
        <span className={`live-dot${board.connected ? ' live-dot--on' : ''}`} aria-hidden="true" />
        {board.connected ? t('session.connected') : t('session.connecting')}
      </span>
    ) : null
  return (
    <Section title={t('mediation.board')} actions={status}>
      <p className="muted small">{t('mediation.boardHint')}</p>
      {canWrite ? null : (
        <p className="read-only-note" role="note">
          {t('mediation.boardReadOnly', { role: t(`role.${me.role}`) })}
        </p>
      )}
      {board.state === 'opening' ? <p className="loading">{t('common.loading')}</p> : null}
      {board.state === 'refused' ? (
        <Notice tone="error">{t('mediation.boardRefused')}</Notice>
      ) : null}
      {board.state === 'open' ? (
        <>
          {board.issues.length === 0 ? <p className="muted">{t('mediation.noIssues')}</p> : null}
          <ol className="issue-list">
            {board.issues.map((issue) => (
              <IssueCard
                key={issue.id}
                issue={issue}
                parties={mediation.parties}
                edits={
                  canWrite
                    ? {
                        speaksFor,
                        remove: () => removeIssue(board.doc, issue.id),
                        setInterest: (partyId, value) =>
                          setInterest(board.doc, issue.id, partyId, value),
                        addOption: (text) => addOption(board.doc, issue.id, text, me.id),
                        removeOption: (optionId) => removeOption(board.doc, issue.id, optionId),
                      }
                    : undefined
                }
              />
            ))}
          </ol>
          {canWrite ? (
            <AddTextForm
              label={t('mediation.newIssue')}
              button={t('mediation.addIssue')}
              maxLength={200}
              onAdd={(title) => addIssue(board.doc, title, me.id)}
            />
          ) : null}
        </>
      ) : null}
    </Section>
  )
}
