import type { NewAuditEntry, NewNotification } from '../../../../shared/src/schema/stored.js'
import type { Stores } from '../ports.js'
import type { Notifications } from './notifications.js'

type Notice = Omit<NewNotification, 'participantId'>

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/**
 * Notifications that follow audited changes: a session starting, a signature needed, a decision
 * in a session someone attended. Every such change is audited, so the audit log is what this
 * hears, once the change has committed; it tells in a unit of its own (a crash in between loses
 * the notification, never the change).
 */
export class AuditNotices {
  constructor(
    private readonly stores: Stores,
    private readonly notifications: Notifications,
  ) {}

  async heard(entry: NewAuditEntry): Promise<void> {
    const told = await this.#noticesOf(entry)
    await this.notifications.tellNow(told)
  }

  async #noticesOf(entry: NewAuditEntry): Promise<NewNotification[]> {
    const { workspaceId, actorId, target, details } = entry
    if (!target) return []
    const actorName = actorId
      ? ((await this.stores.workspaces.findParticipant(workspaceId, actorId))?.displayName ?? null)
      : null
    const base = { workspaceId, actorName, createdAt: entry.at }
    const others = (ids: Iterable<string>) => [...new Set(ids)].filter((id) => id !== actorId)
    const to = (ids: Iterable<string>, notice: Notice): NewNotification[] =>
      others(ids).map((participantId) => ({ ...notice, participantId }))
    switch (entry.action) {
      case 'session.started': {
        const everyone = await this.stores.workspaces.listParticipants(workspaceId)
        return to(
          everyone.map((person) => person.id),
          {
            ...base,
            kind: 'session_started',
            place: { page: 'session', sessionId: target },
            subject: text(details.title),
            key: `session-started:${target}`,
          },
        )
      }
      case 'decision.recorded': {
        const sessionId = text(details.sessionId)
        const found = sessionId ? await this.stores.sessions.find(sessionId) : undefined
        if (!found) return []
        return await this.#stillHere(
          workspaceId,
          to(
            found.state.attendance.map((attendee) => attendee.participantId),
            {
              ...base,
              kind: 'decision_recorded',
              place: { page: 'session', sessionId },
              subject: text(details.title),
              key: `decision:${target}`,
            },
          ),
        )
      }
      case 'agreement.drafted':
      case 'agreement.edited': {
        // An edit withdraws the signatures given: everyone must sign the new text.
        if (entry.action === 'agreement.edited' && !details.withdrawnSignatures) return []
        const agreement = await this.stores.agreements.find(target)
        if (agreement?.status !== 'draft') return []
        const representatives = agreement.parties.flatMap((party) =>
          party.members.map((member) => member.participantId),
        )
        return await this.#stillHere(
          workspaceId,
          to(representatives, {
            ...base,
            kind: 'signature_needed',
            place: { page: 'agreement', agreementId: target },
            subject: agreement.title,
            key: `signature:${target}:${agreement.updatedAt}`,
          }),
        )
      }
      default:
        return []
    }
  }

  /** Those still in the workspace: someone removed since is told nothing. */
  async #stillHere(workspaceId: string, told: NewNotification[]): Promise<NewNotification[]> {
    const here = new Set(
      (await this.stores.workspaces.listParticipants(workspaceId)).map((person) => person.id),
    )
    return told.filter((notification) => here.has(notification.participantId))
  }
}
