import Database from 'better-sqlite3';
import type { Sqlite } from '../../../../db/client';
import { createStore, type CollabStore } from './store';

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
