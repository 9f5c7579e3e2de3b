import { type ColumnTypes, type MigrationDb, withoutRowId } from './column-types.js'

/*
 * The migrations of the facilitation release: who wrote what by group, polls, edits by group and
 * the workspace's language. Written once for both engines.
 */

/**
 * 9: the stakeholder group a writer had when they first wrote with a client id, so who wrote
 * what by group does not change when someone changes group later. Rows from before stay NULL
 * (the group then is not known).
 */
export const writerGroups = async (db: MigrationDb) => {
  await db.schema.alterTable('room_writer').addColumn('stakeholder_group', 'text').execute()
}

/**
 * 10: polls in sessions. Named answers carry who gave them; anonymous ones never do: a ballot
 * row (HMAC of the participant under the poll's key) is the one-per-person check, and the answer
 * sits apart under the hash of a receipt only its giver holds. Both tables are keyed by those
 * random-looking values (no rowid on SQLite, no time), so their order links no ballot to an
 * answer; the ballots and the key are deleted when the poll closes.
 */
export const polls = async (db: MigrationDb, t: ColumnTypes) => {
  await db.schema
    .createTable('poll')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('session.id').onDelete('cascade'),
    )
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('ballot_key', t.bytes)
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute()
  await db.schema
    .createIndex('poll_by_session')
    .on('poll')
    .columns(['session_id', 'created_at'])
    .execute()
  const pollId = 'poll_id'
  await withoutRowId(
    db.schema
      .createTable('poll_answer')
      .addColumn(pollId, 'text', (c) => c.notNull().references('poll.id').onDelete('cascade'))
      .addColumn('participant_id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('grp', 'text', (c) => c.notNull())
      .addColumn('answer', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('poll_answer_key', [pollId, 'participant_id']),
    t,
  ).execute()
  await withoutRowId(
    db.schema
      .createTable('poll_ballot')
      .addColumn(pollId, 'text', (c) => c.notNull().references('poll.id').onDelete('cascade'))
      .addColumn('voter', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('poll_ballot_key', [pollId, 'voter']),
    t,
  ).execute()
  await withoutRowId(
    db.schema
      .createTable('poll_anonymous_answer')
      .addColumn(pollId, 'text', (c) => c.notNull().references('poll.id').onDelete('cascade'))
      .addColumn('receipt', 'text', (c) => c.notNull())
      .addColumn('grp', 'text', (c) => c.notNull())
      .addColumn('answer', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('poll_anonymous_answer_key', [pollId, 'receipt']),
    t,
  ).execute()
  await withoutRowId(
    db.schema
      .createTable('poll_idea')
      .addColumn(pollId, 'text', (c) => c.notNull().references('poll.id').onDelete('cascade'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text')
      .addPrimaryKeyConstraint('poll_idea_key', [pollId, 'id']),
    t,
  ).execute()
}

/**
 * 11: plan text each person added and removed, per minute, under the stakeholder group they had
 * as they wrote it: the balance of voice counts edits by the group of the moment.
 */
export const roomEdits = async (db: MigrationDb, t: ColumnTypes) => {
  await withoutRowId(
    db.schema
      .createTable('room_edit')
      .addColumn('room', 'text', (c) => c.notNull())
      .addColumn('participant_id', 'text', (c) => c.notNull())
      .addColumn('stakeholder_group', 'text', (c) => c.notNull())
      .addColumn('minute', t.bigint, (c) => c.notNull())
      .addColumn('added', t.bigint, (c) => c.notNull())
      .addColumn('removed', t.bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('room_edit_key', [
        'room',
        'minute',
        'participant_id',
        'stakeholder_group',
      ]),
    t,
  ).execute()
}

/** 12: a workspace's language, in which its templates, minutes and signed texts are produced. */
export const workspaceLanguage = async (db: MigrationDb) => {
  await db.schema
    .alterTable('workspace')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .execute()
}

/**
 * 15: every room's commits numbered 1, 2, 3… (`room_head` holds the last number given; its row
 * lock makes commits of one room from several nodes take their numbers in commit order), each
 * log row with its number and each snapshot with the last one it folds. A node that sees a
 * number skipped knows it missed a commit and reads it back. Rows from before stay NULL: a
 * node loads them whole with the room.
 */
export const roomSequence = async (db: MigrationDb, t: ColumnTypes) => {
  await db.schema
    .createTable('room_head')
    .addColumn('room', 'text', (c) => c.primaryKey())
    .addColumn('seq', t.bigint, (c) => c.notNull())
    .execute()
  await db.schema.alterTable('room_update').addColumn('seq', t.bigint).execute()
  await db.schema
    .alterTable('room_snapshot')
    .addColumn('seq', t.bigint, (c) => c.notNull().defaultTo(0))
    .execute()
}

/** 18: whether a document lets commenters suggest (off for every document from before). */
export const commentersMaySuggest = async (db: MigrationDb) => {
  await db.schema
    .alterTable('document')
    .addColumn('commenters_may_suggest', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}

/**
 * 20: anonymous positions on proposals, kept as anonymous poll answers are (see 10): the key of
 * the one-per-person check per proposal, the check's keyed hashes, and the positions under the
 * hash of a receipt only their giver holds, with their group and no one's id. The key and the
 * check are deleted when the proposal closes or is withdrawn.
 */
export const anonymousPositions = async (db: MigrationDb, t: ColumnTypes) => {
  await db.schema
    .createTable('anonymous_proposal')
    .addColumn('proposal_id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('session.id').onDelete('cascade'),
    )
    .addColumn('ballot_key', t.bytes)
    .execute()
  const proposalId = 'proposal_id'
  const proposalRef = 'anonymous_proposal.proposal_id'
  await withoutRowId(
    db.schema
      .createTable('proposal_ballot')
      .addColumn(proposalId, 'text', (c) => c.notNull().references(proposalRef).onDelete('cascade'))
      .addColumn('voter', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('proposal_ballot_key', [proposalId, 'voter']),
    t,
  ).execute()
  await withoutRowId(
    db.schema
      .createTable('anonymous_position')
      .addColumn(proposalId, 'text', (c) => c.notNull().references(proposalRef).onDelete('cascade'))
      .addColumn('receipt', 'text', (c) => c.notNull())
      .addColumn('grp', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addPrimaryKeyConstraint('anonymous_position_key', [proposalId, 'receipt']),
    t,
  ).execute()
}
