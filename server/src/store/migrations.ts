import type { Database } from 'better-sqlite3'

/**
 * Numbered, forward-only schema migrations. `PRAGMA user_version` records how many have run;
 * each runs in its own transaction together with the version bump, so a crash mid-migration
 * leaves the database at the previous version.
 */
export const migrations: readonly string[] = [
  // 1: the per-room update log and its compacted snapshot.
  `
  CREATE TABLE room_update (
    id INTEGER PRIMARY KEY,
    room TEXT NOT NULL,
    data BLOB NOT NULL
  );
  CREATE INDEX room_update_by_room ON room_update (room, id);
  CREATE TABLE room_snapshot (
    room TEXT PRIMARY KEY,
    data BLOB NOT NULL,
    compacted_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // 2: workspaces, their people, invites, documents and rooms, and the audit log.
  `
  CREATE TABLE workspace (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE participant (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    display_name TEXT NOT NULL,
    stakeholder_group TEXT NOT NULL,
    role TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    joined_at TEXT NOT NULL,
    removed_at TEXT
  );
  CREATE INDEX participant_by_workspace ON participant (workspace_id);
  CREATE TABLE invite (
    code TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    stakeholder_group TEXT,
    max_uses INTEGER,
    uses INTEGER NOT NULL DEFAULT 0,
    expires_at TEXT,
    revoked_at TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
  );
  CREATE INDEX invite_by_workspace ON invite (workspace_id);
  CREATE TABLE document (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    template TEXT NOT NULL,
    archived INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
  );
  CREATE INDEX document_by_workspace ON document (workspace_id);
  CREATE TABLE room (
    name TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    document_id TEXT REFERENCES document (id) ON DELETE CASCADE,
    kind TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX room_by_workspace ON room (workspace_id);
  CREATE TABLE audit_entry (
    id INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    actor_id TEXT,
    action TEXT NOT NULL,
    target TEXT,
    details TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX audit_by_workspace ON audit_entry (workspace_id, id);
  `,
  // 3: frozen versions of documents, and who edited which room when (per minute).
  `
  CREATE TABLE version (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    content_json TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    ydoc BLOB NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX version_by_document ON version (document_id, created_at);
  CREATE TABLE room_activity (
    room TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    minute INTEGER NOT NULL,
    updates INTEGER NOT NULL,
    PRIMARY KEY (room, participant_id, minute)
  ) WITHOUT ROWID;
  `,
  // 4: live sessions, the events that drive them, and the hash-chained decision records.
  `
  CREATE TABLE session (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    agenda TEXT NOT NULL,
    state TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX session_by_workspace ON session (workspace_id, created_at);
  CREATE TABLE session_event (
    session_id TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    sequence INTEGER NOT NULL,
    event TEXT NOT NULL,
    PRIMARY KEY (session_id, sequence)
  ) WITHOUT ROWID;
  CREATE TABLE decision (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    sequence INTEGER NOT NULL,
    record TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (workspace_id, sequence)
  );
  `,
  // 5: mediation. The decision chain becomes the workspace's record chain (decisions and signed
  // agreements); parties, caucuses, agreements with signatures and term follow-up; publication.
  `
  ALTER TABLE decision RENAME TO chain_record;
  ALTER TABLE chain_record ADD COLUMN kind TEXT NOT NULL DEFAULT 'decision';
  CREATE TABLE party (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX party_by_session ON party (session_id, created_at);
  CREATE TABLE party_member (
    party_id TEXT NOT NULL REFERENCES party (id) ON DELETE CASCADE,
    session_id TEXT NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participant (id) ON DELETE CASCADE,
    PRIMARY KEY (party_id, participant_id),
    -- One party per person in a mediation: whom they sign for is never ambiguous.
    UNIQUE (session_id, participant_id)
  ) WITHOUT ROWID;
  CREATE TABLE caucus (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    party_id TEXT NOT NULL REFERENCES party (id) ON DELETE CASCADE,
    title TEXT,
    mediator_id TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    closed_at TEXT
  );
  CREATE INDEX caucus_by_session ON caucus (session_id, opened_at);
  CREATE TABLE agreement (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    session_id TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    content TEXT NOT NULL,
    amends TEXT REFERENCES agreement (id),
    status TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    signed_at TEXT
  );
  CREATE INDEX agreement_by_session ON agreement (session_id, created_at);
  CREATE INDEX agreement_by_workspace ON agreement (workspace_id, created_at);
  -- At most one signed amendment of any agreement.
  CREATE UNIQUE INDEX agreement_amended_once ON agreement (amends) WHERE status = 'signed';
  CREATE TABLE signature (
    agreement_id TEXT NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    party_id TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    name TEXT NOT NULL,
    party_name TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    PRIMARY KEY (agreement_id, party_id)
  ) WITHOUT ROWID;
  CREATE TABLE term_status (
    agreement_id TEXT NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
    term_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    name TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (agreement_id, term_id, sequence)
  ) WITHOUT ROWID;
  CREATE TABLE publication (
    workspace_id TEXT PRIMARY KEY REFERENCES workspace (id) ON DELETE CASCADE,
    public_id TEXT NOT NULL UNIQUE,
    anonymised INTEGER NOT NULL,
    published_at TEXT NOT NULL
  );
  `,
  // 6: who wrote with which Yjs client id in each room, and whose update deleted which ranges,
  // so a comparison of versions can say who made each change. participant_id is NULL once the
  // participant's record is erased.
  `
  CREATE TABLE room_writer (
    room TEXT NOT NULL,
    client INTEGER NOT NULL,
    participant_id TEXT,
    PRIMARY KEY (room, client)
  ) WITHOUT ROWID;
  CREATE INDEX room_writer_by_participant ON room_writer (participant_id);
  CREATE TABLE room_deletion (
    room TEXT NOT NULL,
    client INTEGER NOT NULL,
    clock INTEGER NOT NULL,
    length INTEGER NOT NULL,
    participant_id TEXT,
    PRIMARY KEY (room, client, clock)
  ) WITHOUT ROWID;
  CREATE INDEX room_deletion_by_participant ON room_deletion (participant_id);
  `,
  // 7: the signed checkpoints of each workspace's transparency log, every one kept for monitors.
  `
  CREATE TABLE log_checkpoint (
    id INTEGER PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    tree_size INTEGER NOT NULL,
    root_hash TEXT NOT NULL,
    note TEXT NOT NULL,
    signed_at TEXT NOT NULL
  );
  CREATE INDEX log_checkpoint_by_workspace ON log_checkpoint (workspace_id, tree_size, id);
  `,
  // 8: people in the record log become commitments (HMAC of their id under a secret of the
  // workspace); their display names live here, outside the hashed records.
  `
  CREATE TABLE record_secret (
    workspace_id TEXT PRIMARY KEY REFERENCES workspace (id) ON DELETE CASCADE,
    secret BLOB NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE record_person (
    workspace_id TEXT NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
    commitment TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (workspace_id, commitment)
  ) WITHOUT ROWID;
  `,
  // 9: the stakeholder group a writer had when they first wrote with a client id, so who wrote
  // what by group does not change when someone changes group later. Rows from before stay NULL
  // (the group then is not known).
  `
  ALTER TABLE room_writer ADD COLUMN stakeholder_group TEXT;
  `,
  // 10: polls in sessions. Named answers carry who gave them; anonymous ones never do: a ballot
  // row (HMAC of the participant under the poll's key) is the one-per-person check, and the
  // answer sits apart under the hash of a receipt only its giver holds. Both tables are keyed by
  // those random-looking values (WITHOUT ROWID, no time), so their order links no ballot to an
  // answer; the ballots and the key are deleted when the poll closes.
  `
  CREATE TABLE poll (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    spec TEXT NOT NULL,
    status TEXT NOT NULL,
    ballot_key BLOB,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    closed_at TEXT
  );
  CREATE INDEX poll_by_session ON poll (session_id, created_at);
  CREATE TABLE poll_answer (
    poll_id TEXT NOT NULL REFERENCES poll (id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL,
    name TEXT NOT NULL,
    grp TEXT NOT NULL,
    answer TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (poll_id, participant_id)
  ) WITHOUT ROWID;
  CREATE TABLE poll_ballot (
    poll_id TEXT NOT NULL REFERENCES poll (id) ON DELETE CASCADE,
    voter TEXT NOT NULL,
    PRIMARY KEY (poll_id, voter)
  ) WITHOUT ROWID;
  CREATE TABLE poll_anonymous_answer (
    poll_id TEXT NOT NULL REFERENCES poll (id) ON DELETE CASCADE,
    receipt TEXT NOT NULL,
    grp TEXT NOT NULL,
    answer TEXT NOT NULL,
    PRIMARY KEY (poll_id, receipt)
  ) WITHOUT ROWID;
  CREATE TABLE poll_idea (
    poll_id TEXT NOT NULL REFERENCES poll (id) ON DELETE CASCADE,
    id TEXT NOT NULL,
    text TEXT NOT NULL,
    author_id TEXT,
    PRIMARY KEY (poll_id, id)
  ) WITHOUT ROWID;
  `,
  // 11: plan text each person added and removed, per minute, under the stakeholder group they
  // had as they wrote it: the balance of voice counts edits by the group of the moment.
  `
  CREATE TABLE room_edit (
    room TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    stakeholder_group TEXT NOT NULL,
    minute INTEGER NOT NULL,
    added INTEGER NOT NULL,
    removed INTEGER NOT NULL,
    PRIMARY KEY (room, minute, participant_id, stakeholder_group)
  ) WITHOUT ROWID;
  `,
  // 12: a workspace's language, in which its templates, minutes and signed texts are produced;
  // workspaces from before were English.
  `
  ALTER TABLE workspace ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
  `,
]

export const schemaVersion = migrations.length

export const migrate = (db: Database): void => {
  const current = db.pragma('user_version', { simple: true }) as number
  if (current > schemaVersion) {
    throw new Error(
      `database schema version ${current} is newer than this server (${schemaVersion}); upgrade the server`,
    )
  }
  for (let version = current; version < schemaVersion; version++) {
    const sql = migrations[version] as string
    db.transaction(() => {
      db.exec(sql)
      db.pragma(`user_version = ${version + 1}`)
    })()
  }
}
