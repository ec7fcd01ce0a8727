import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import type { Db } from './client';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies every committed drizzle-kit migration that the database has not seen yet. */
export function runMigrations(db: Db): void {
  migrate(db, { migrationsFolder });
}
