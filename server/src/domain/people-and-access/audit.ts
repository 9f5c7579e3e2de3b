import type { AuditAction } from '../../../../shared/src/schema/audit.js'
import type { Transaction } from '../ports.js'

export interface AuditFact {
  workspaceId: string
  actorId: string | null
  action: AuditAction
  target?: string
  details?: Record<string, unknown>
}

/** Records a privileged action, inside the transaction that performs the action. */
export const recordAudit = async (tx: Transaction, fact: AuditFact): Promise<void> =>
  await tx.audit.append({
    workspaceId: fact.workspaceId,
    actorId: fact.actorId,
    action: fact.action,
    target: fact.target ?? null,
    details: fact.details ?? {},
    at: new Date().toISOString(),
  })
