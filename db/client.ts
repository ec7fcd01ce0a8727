import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as schema from './schema/index';

export type Db = BetterSQLite3Database<typeof schema>;
export type Sqlite = Database.Database;
export { schema };

/** Opens (creating it if needed) the one SQLite database of Maillage inside `dataDir`. */
export const databaseFile = (dataDir: string) => join(dataDir, 'maillage.sqlite');

export function openDatabase(dataDir: string): { db: Db; sqlite: Sqlite } {
  mkdirSync(dataDir, { recursive: true });
  const sqlite = new Database(databaseFile(dataDir));
  // WAL lets readers go on while a writer commits; NORMAL sync is durable in WAL mode across
  // process crashes (only an OS crash can lose the last transactions).
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Checkpoints run in a worker (db/checkpointer.ts); this higher threshold is only a safety net
  // that bounds the WAL (about 40 MB) should that worker ever stop.
  sqlite.pragma('wal_autocheckpoint = 10000');
  return { db: drizzle(sqlite, { schema }), sqlite };
}
