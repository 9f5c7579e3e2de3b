import type { Kysely } from 'kysely'
import { type ColumnTypes, type MigrationDb, withoutRowId } from './column-types.js'

/** The tables this migration reads, as they stood when it shipped. */
interface Before {
  audit_entry: { action: string; target: string | null; details: string; at: string }
  participant: { id: string; display_name: string }
  earlier_identity: {
    participant_id: string
    display_name: string
    stakeholder_group: string
    until: string
  }
}

/**
 * 21: the names and groups a participant had before their present one, so a suggestion they
 * made offline under an earlier group is still theirs when it arrives (docs/security.md,
 * *Commenters who suggest*). Group changes made before this release are read back from the
 * audit log, which has recorded each one since groups could change.
 */
export const earlierIdentities = async (db: MigrationDb, t: ColumnTypes) => {
  const participantId = 'participant_id'
  await withoutRowId(
    db.schema
      .createTable('earlier_identity')
      .addColumn(participantId, 'text', (c) =>
        c.notNull().references('participant.id').onDelete('cascade'),
      )
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('stakeholder_group', 'text', (c) => c.notNull())
      .addColumn('until', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('earlier_identity_key', [
        participantId,
        'display_name',
        'stakeholder_group',
      ]),
    t,
  ).execute()
  const typed = db as Kysely<Before>
  const changes = await typed
    .selectFrom('audit_entry')
    .innerJoin('participant', 'participant.id', 'audit_entry.target')
    .select(['participant.id', 'participant.display_name', 'audit_entry.details', 'audit_entry.at'])
    .where('audit_entry.action', '=', 'participant.group_changed')
    .execute()
  for (const change of changes) {
    const from = (JSON.parse(change.details) as { from?: unknown }).from
    if (typeof from !== 'string') continue
    await typed
      .insertInto('earlier_identity')
      .values({
        participant_id: change.id,
        display_name: change.display_name,
        stakeholder_group: from,
        until: change.at,
      })
      .onConflict((conflict) =>
        conflict.columns([participantId, 'display_name', 'stakeholder_group']).doNothing(),
      )
      .execute()
  }
}
