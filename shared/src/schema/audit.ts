import { z } from 'zod'

/** Privileged actions, recorded with who did them and when. */
export const AuditAction = z.enum([
  'workspace.created',
  'workspace.language_changed',
  'participant.role_changed',
  'participant.group_changed',
  'participant.removed',
  'invite.created',
  'invite.revoked',
  'sign_in.accepted',
  'sign_in.withdrawn',
  'invite.accepted',
  'document.created',
  'document.renamed',
  'document.archived',
  'document.unarchived',
  'document.restored',
  'document.suggesting_changed',
  'workspace.exported',
  'party.named',
  'party.changed',
  'caucus.opened',
  'caucus.closed',
  'agreement.drafted',
  'agreement.edited',
  'agreement.signature',
  'agreement.signed',
  'term.status_changed',
  'publication.changed',
  'comments.moderated',
  'session.started',
  'session.ended',
  'decision.recorded',
  'webhook.registered',
  'webhook.removed',
  'webhook.secret_rolled',
  'webhook.redelivered',
])
export type AuditAction = z.infer<typeof AuditAction>

export const AuditEntry = z.object({
  id: z.number().int(),
  workspaceId: z.string(),
  actorId: z.string().nullable(),
  /** The actor's display name, kept after they leave; null for the system. */
  actorName: z.string().nullable(),
  action: AuditAction,
  target: z.string().nullable(),
  /** The name of the participant the action was about, when it was about one. */
  targetName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  at: z.string(),
})
export type AuditEntry = z.infer<typeof AuditEntry>
