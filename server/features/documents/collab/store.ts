import type { Sqlite } from '../../../../db/client';

export interface StoredDocument {
  snapshot: Uint8Array | null;
  /** Log entries after the snapshot, oldest first. */
  updates: Uint8Array[];
  /** Highest log id folded into the state (snapshot or log), 0 when empty. */
  lastUpdateId: number;
  /** Bytes stored: snapshot plus log (the document-size limit counts these). */
  bytes: number;
}

export interface PendingWrite {
  documentId: string;
  updates: Array<{ data: Uint8Array; userId: string | null }>;
}

const toBuffer = (data: Uint8Array) => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

/**
 * The update log and snapshots in SQLite, with prepared statements (this is the hot path of
 * every keystroke). Each document's writes run in a savepoint inside the batch transaction, so
 * one failing document never takes the others' writes down with it.
 */
export function createStore(sqlite: Sqlite) {
  const selectSnapshot = sqlite.prepare<[string], { state: Buffer; through: number }>(
    'SELECT state, through_update_id AS through FROM document_snapshots WHERE document_id = ?');
  const selectLog = sqlite.prepare<[string, number], { id: number; data: Buffer }>(
    'SELECT id, data FROM document_updates WHERE document_id = ? AND id > ? ORDER BY id');
  const insertUpdate = sqlite.prepare<[string, Buffer, string | null, number]>(
    'INSERT INTO document_updates (document_id, data, user_id, created_at) VALUES (?, ?, ?, ?)');
  const deleteLog = sqlite.prepare<[string, number]>('DELETE FROM document_updates WHERE document_id = ? AND id <= ?');
  const upsertSnapshot = sqlite.prepare<[string, Buffer, number, number]>(
    `INSERT INTO document_snapshots (document_id, state, through_update_id, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (document_id) DO UPDATE SET state = excluded.state, through_update_id = excluded.through_update_id, updated_at = excluded.updated_at`);

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

  return {
    read(documentId: string): StoredDocument {
      const snap = selectSnapshot.get(documentId);
      const rows = selectLog.all(documentId, snap?.through ?? 0);
      const bytes = (snap?.state.byteLength ?? 0) + rows.reduce((sum, r) => sum + r.data.byteLength, 0);
      return {
        snapshot: snap ? new Uint8Array(snap.state) : null,
        updates: rows.map((r) => new Uint8Array(r.data)),
        lastUpdateId: rows.length ? rows[rows.length - 1].id : (snap?.through ?? 0),
        bytes,
      };
    },
    /** Writes every document's updates in ONE transaction; per document the last log id, or its error. */
    append(writes: PendingWrite[]): Array<number | Error> {
      return appendBatch(writes);
    },
    /** Folds the log up to `throughUpdateId` into the snapshot, in one transaction. */
    compact: sqlite.transaction((documentId: string, state: Uint8Array, throughUpdateId: number) => {
      upsertSnapshot.run(documentId, toBuffer(state), throughUpdateId, Date.now());
      deleteLog.run(documentId, throughUpdateId);
    }),
  };
}

export type CollabStore = ReturnType<typeof createStore>;
