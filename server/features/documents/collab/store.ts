import * as Y from 'yjs';
import type { Sqlite } from '../../../../db/client';

export interface StoredDocument {
  snapshot: Uint8Array | null;
  /** Log entries after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** Highest log id folded into the state (snapshot or log), 0 when empty. */
  lastUpdateId: number;
  /** Bytes stored: snapshot plus log (the document-size limit counts these). */
  bytes: number;
  /** The schema fingerprint the snapshot was found valid against, null when never checked. */
  checkedSchema: string | null;
}

export interface PendingWrite {
  documentId: string;
  updates: Array<{ data: Uint8Array; userId: string | null }>;
}

/**
 * The whole stored state as one update: the snapshot and the log after it merged (the snapshot as
 * stored when the log is empty). What the working text is, for every reader that reads SQLite.
 */
export function mergedState(stored: StoredDocument): Uint8Array {
  if (stored.snapshot && stored.updates.length === 0) return stored.snapshot;
  return Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]);
}

const toBuffer = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);
// A view, not a copy: a stored state is read to be decoded once (8 MB copied for nothing otherwise).
const toView = (data: Buffer) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/**
 * The update log and snapshots in SQLite, with prepared statements (this is the hot path of
 * every keystroke). Each document's writes run in a savepoint inside the batch transaction, so
 * one failing document never takes the others' writes down with it.
 */
export function createStore(sqlite: Sqlite) {
  const selectSnapshot = sqlite.prepare<[string], { state: Buffer; through: number; checkedSchema: string | null }>(
    'SELECT state, through_update_id AS through, checked_schema AS checkedSchema FROM document_snapshots WHERE document_id = ?');
  const selectLog = sqlite.prepare<[string, number], { id: number; data: Buffer }>(
    'SELECT id, data FROM document_updates WHERE document_id = ? AND id > ? ORDER BY id');
  const insertUpdate = sqlite.prepare<[string, Buffer, string | null, number]>(
    'INSERT INTO document_updates (document_id, data, user_id, created_at) VALUES (?, ?, ?, ?)');
  const deleteLog = sqlite.prepare<[string, number]>('DELETE FROM document_updates WHERE document_id = ? AND id <= ?');
  // Never replaces a snapshot by an older one: two compactions of one document may cross.
  const upsertSnapshot = sqlite.prepare<[string, Buffer, number, number, string | null]>(
    `INSERT INTO document_snapshots (document_id, state, through_update_id, updated_at, checked_schema) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (document_id) DO UPDATE SET state = excluded.state, through_update_id = excluded.through_update_id, updated_at = excluded.updated_at, checked_schema = excluded.checked_schema
     WHERE excluded.through_update_id > document_snapshots.through_update_id`);
  // Only the very snapshot that was checked: a compaction may have replaced it meanwhile.
  const markSnapshotChecked = sqlite.prepare<[string, string, number]>(
    'UPDATE document_snapshots SET checked_schema = ? WHERE document_id = ? AND through_update_id = ?');
  const selectLogThrough = sqlite.prepare<[string, number, number], { data: Buffer }>(
    'SELECT data FROM document_updates WHERE document_id = ? AND id > ? AND id <= ? ORDER BY id');

  const appendOne = sqlite.transaction((write: PendingWrite): number => {
    const now = Date.now();
    let last = 0;
    for (const u of write.updates) last = Number(insertUpdate.run(write.documentId, toBuffer(u.data), u.userId, now).lastInsertRowid);
    return last;
  });

  const appendBatch = sqlite.transaction((writes: PendingWrite[]): Array<number | Error> => writes.map((write) => {
    try {
      return appendOne(write);
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  }));

  // One read transaction: a compaction committing between the two reads would hide log entries.
  const read = sqlite.transaction((documentId: string): StoredDocument => {
    const snap = selectSnapshot.get(documentId);
    const rows = selectLog.all(documentId, snap?.through ?? 0);
    const bytes = (snap?.state.byteLength ?? 0) + rows.reduce((sum, r) => sum + r.data.byteLength, 0);
    return {
      snapshot: snap ? toView(snap.state) : null,
      updates: rows.map((r) => toView(r.data)),
      lastUpdateId: rows.length ? rows[rows.length - 1].id : (snap?.through ?? 0),
      bytes,
      checkedSchema: snap?.checkedSchema ?? null,
    };
  });

  const readThrough = sqlite.transaction((documentId: string, through: number) => {
    const snap = selectSnapshot.get(documentId);
    const from = snap?.through ?? 0;
    return { snap, rows: through > from ? selectLogThrough.all(documentId, from, through) : null };
  });
  const writeSnapshot = sqlite.transaction((documentId: string, state: Uint8Array, through: number, checkedSchema: string | null) => {
    upsertSnapshot.run(documentId, toBuffer(state), through, Date.now(), checkedSchema);
    deleteLog.run(documentId, through);
  });

  /**
   * Folds the stored log up to `through` into a new snapshot (run from a worker process). The
   * merge happens outside any transaction, so writers never wait for it: log entries are never
   * rewritten, and the snapshot upsert refuses to go backwards if another compaction won.
   * `check` says which schema fingerprint the folded state is valid against (null: it is not).
   */
  function compactStored(documentId: string, through: number, check: (doc: Y.Doc) => string | null = () => null): number {
    const { snap, rows } = readThrough(documentId, through);
    if (!rows) return snap?.state.byteLength ?? 0;
    const doc = new Y.Doc();
    try {
      doc.transact(() => {
        if (snap) Y.applyUpdate(doc, new Uint8Array(snap.state));
        for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
      });
      const state = Y.encodeStateAsUpdate(doc);
      writeSnapshot.immediate(documentId, state, through, check(doc));
      return state.byteLength;
    } finally {
      doc.destroy();
    }
  }

  return {
    read: (documentId: string): StoredDocument => read(documentId),
    compactStored,
    /** Marks the snapshot through `through` as found valid against a schema fingerprint. */
    markChecked(documentId: string, through: number, checkedSchema: string): void {
      markSnapshotChecked.run(checkedSchema, documentId, through);
    },
    /** Writes every document's updates in ONE transaction; per document the last log id, or its error. */
    append(writes: PendingWrite[]): Array<number | Error> {
      return appendBatch(writes);
    },
  };
}

export type CollabStore = ReturnType<typeof createStore>;
