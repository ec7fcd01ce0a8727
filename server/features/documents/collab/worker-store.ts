import Database from 'better-sqlite3';
import type { Sqlite } from '../../../../db/client';
import { createStore, mergedState, type CollabStore } from './store';

/**
 * A worker process's own SQLite connection, one per database file, shared by the task modules it
 * loads (collab.tasks.ts, render.tasks.ts): a worker reads the document it works on itself, so a
 * large state never crosses the main process (each crossing is a serialisation on its event loop).
 */
const connections = new Map<string, { sqlite: Sqlite; store: CollabStore }>();

export function workerConnection(file: string): { sqlite: Sqlite; store: CollabStore } {
  let connection = connections.get(file);
  if (!connection) {
    const sqlite = new Database(file);
    sqlite.pragma('busy_timeout = 5000');
    connection = { sqlite, store: createStore(sqlite) };
    connections.set(file, connection);
  }
  return connection;
}

export const storeFor = (file: string): CollabStore => workerConnection(file).store;

/**
 * A Yjs state as a render task receives it: its bytes (a small document the server encoded from
 * memory, a version the caller read), or a document's working text by description, which the
 * worker reads from SQLite itself (`collab.stateSource`): a 32 MB state sent through the main
 * process cost its event loop ~15 ms of serialisation each way.
 */
export type StateSource = Uint8Array | { file: string; documentId: string };

/** In a worker: the state a source names, the working text being the stored snapshot and log merged. */
export const readState = (source: StateSource): Uint8Array =>
  (source instanceof Uint8Array ? source : mergedState(storeFor(source.file).read(source.documentId)));
