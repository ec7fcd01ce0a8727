import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import type { Db } from './client';

// Beside this file in the sources (db/migrations); the build copies them beside the compiled server
// (dist/server/migrations), where this code then lives.
export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies every committed drizzle-kit migration that the database has not seen yet. */
export function runMigrations(db: Db): void {
  migrate(db, { migrationsFolder });
}
