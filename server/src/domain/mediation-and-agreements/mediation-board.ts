import type { BoardCommand } from '../../../../shared/src/schema/mediation.js'
import { boardWriters } from '../../../../shared/src/schema/mediation.js'
import type { Participant } from '../../../../shared/src/schema/people.js'
import {
  addIssue,
  addOption,
  type BoardIssue,
  readBoard,
  removeIssue,
  removeOption,
  setInterest,
} from '../../../../shared/src/ydoc/mediation-board.js'
import { boardRoomName } from '../../../../shared/src/ydoc/rooms.js'
import { DomainError } from '../domain-error.js'
import { forbidden } from '../people-and-access/access-rule.js'
import type { LiveRooms } from '../ports.js'
import type { Mediations } from './mediations.js'

/**
 * The issues and options board of a mediation. Its room is written by the server only: each
 * command is checked here (who may write, whose interests, whose entry), stamped with its author,
 * then applied to the room, which brings it to everyone.
 */
export class MediationBoard {
  constructor(
    private readonly mediations: Mediations,
    private readonly live: LiveRooms,
  ) {}

  async command(actor: Participant, sessionId: string, command: BoardCommand): Promise<void> {
    const session = await this.mediations.session(actor, sessionId)
    if (!boardWriters.includes(actor.role)) {
      throw forbidden(
        'role_not_allowed',
        `a ${actor.role} follows the board but does not change it`,
        actor.role,
      )
    }
    const mediates = this.mediations.isMediator(actor, session)
    const parties = await this.mediations.parties(sessionId)
    await this.live.edit(
      boardRoomName(sessionId),
      (doc) => {
        // Checked against the board as it is in this very turn, then changed.
        const board = readBoard(doc)
        const issueOf = (issueId: string): BoardIssue => {
          const issue = board.find((item) => item.id === issueId)
          if (!issue) throw new DomainError('not_found', 'no such issue on the board')
          return issue
        }
        const authorOrMediator = (by: string, what: string) => {
          if (by !== actor.id && !mediates) {
            throw forbidden(
              'not_entry_author',
              `only whoever added the ${what}, or the mediator, may remove it`,
            )
          }
        }
        switch (command.type) {
          case 'issue.add':
            addIssue(doc, command.title, actor.id)
            return
          case 'issue.remove':
            authorOrMediator(issueOf(command.issueId).by, 'issue')
            removeIssue(doc, command.issueId)
            return
          case 'interest.set': {
            issueOf(command.issueId)
            const party = parties.find((item) => item.id === command.partyId)
            if (!party) throw new DomainError('not_found', 'no such party in this mediation')
            const represents = party.members.some((member) => member.participantId === actor.id)
            if (!represents && !mediates) {
              throw forbidden(
                'not_party_representative',
                `only a representative of ${party.name}, or the mediator, states its interests`,
              )
            }
            setInterest(doc, command.issueId, command.partyId, command.text)
            return
          }
          case 'option.add':
            issueOf(command.issueId)
            addOption(doc, command.issueId, command.text, actor.id)
            return
          case 'option.remove': {
            const option = issueOf(command.issueId).options.find(
              (item) => item.id === command.optionId,
            )
            if (!option) throw new DomainError('not_found', 'no such option on this issue')
            authorOrMediator(option.by, 'option')
            removeOption(doc, command.issueId, command.optionId)
            return
          }
          default: {
            const unknown: never = command
            return unknown
          }
        }
      },
      actor.id,
    )
  }
}
