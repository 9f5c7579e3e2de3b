import {
  type BoardCommand,
  boardWriters,
  type Mediation,
} from '../../../../shared/src/schema/mediation.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import { sendBoardCommand } from '../../api/mediation.js'
import { useT } from '../../app/i18n/i18n.js'
import { RejectedNotice } from '../../editor/RejectedChanges.js'
import { Notice } from '../../ui/Notice.js'
import { Section } from '../../ui/Section.js'
import { AddTextForm } from './AddTextForm.js'
import { IssueCard } from './IssueCard.js'
import { useBoard } from './use-board.js'

/**
 * The issues and options board, live for everyone in the session: those who may write add
 * issues, state each party's interests and put options on the table; the others follow it.
 * The board room is read-only: every change is a command to the server, which stamps its author
 * and checks who may make it, and the room then brings it to everyone.
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
  const canWrite = boardWriters.includes(me.role)
  const send = (command: BoardCommand) => sendBoardCommand(mediation.sessionId, command)
  // The server refuses interests stated for a party by anyone but its representatives and the
  // mediator, so only those get a field; and removals by anyone but the author and the mediator.
  const mediates = me.id === mediation.mediatorId && me.role === 'mediator'
  const speaksFor = (partyId: string) =>
    mediates ||
    mediation.parties.some(
      (party) =>
        party.id === partyId && party.members.some((member) => member.participantId === me.id),
    )
  const mayRemove = (by: string) => mediates || by === me.id
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
      {board.state === 'rejected' ? <RejectedNotice discard={board.discard} /> : null}
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
                        mayRemove,
                        remove: () => send({ type: 'issue.remove', issueId: issue.id }),
                        setInterest: (partyId, text) =>
                          send({ type: 'interest.set', issueId: issue.id, partyId, text }),
                        addOption: (text) => send({ type: 'option.add', issueId: issue.id, text }),
                        removeOption: (optionId) =>
                          send({ type: 'option.remove', issueId: issue.id, optionId }),
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
              onAdd={(title) => send({ type: 'issue.add', title })}
            />
          ) : null}
        </>
      ) : null}
    </Section>
  )
}
