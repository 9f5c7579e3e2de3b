import { z } from 'zod'
import { AgreementRecord } from './mediation.js'
import { DecisionRecord } from './session.js'

/**
 * The workspace's tamper-evident record: decisions and signed agreements in one hash chain,
 * each record carrying the hash of the one before.
 */
export const ChainRecord = z.discriminatedUnion('kind', [DecisionRecord, AgreementRecord])
export type ChainRecord = z.infer<typeof ChainRecord>
export type ChainRecordKind = ChainRecord['kind']
