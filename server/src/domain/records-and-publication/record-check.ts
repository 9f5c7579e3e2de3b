import type { ChainVerification } from '../../../../shared/src/schema/session.js'
import type { Agreements } from '../mediation-and-agreements/agreements.js'
import type { Stores } from '../ports.js'
import { agreementsInLog, type LoggedAgreement } from './agreement-log.js'
import type { RecordChain } from './record-chain.js'

/**
 * The whole check of a workspace's record: the log itself (`RecordChain.verify`), then every
 * signed agreement's rows against its log entries, since readers are shown those rows. Names the
 * first record whose rows differ.
 */
export class RecordCheck {
  constructor(
    private readonly stores: Stores,
    private readonly chain: RecordChain,
    private readonly agreements: Agreements,
  ) {}

  async verify(workspaceId: string): Promise<ChainVerification> {
    const verification = await this.chain.verify(workspaceId)
    if (!verification.ok) return verification
    const logged = agreementsInLog(await this.chain.list(workspaceId))
    for (const [id, entries] of logged) {
      const problem = await this.#problem(workspaceId, id, entries)
      if (problem) {
        // Which log and checkpoint were checked stays; only the outcome changes.
        const { head: _head, ...checked } = verification
        return {
          ...checked,
          ok: false,
          firstInvalid: { id, sequence: entries.record.sequence, problem },
        }
      }
    }
    return verification
  }

  async #problem(
    workspaceId: string,
    id: string,
    entries: LoggedAgreement,
  ): Promise<string | undefined> {
    const stored = await this.stores.agreements.find(id)
    if (stored?.workspaceId !== workspaceId) return 'the signed agreement is missing from its table'
    const { logCheck } = await this.agreements.view(stored, entries)
    if (!logCheck || logCheck.matches) return undefined
    return `its stored rows differ from the log in: ${logCheck.mismatches.join(', ')}`
  }
}
