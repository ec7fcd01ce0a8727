import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { migrationsFolder } from '../../db/migrate';

/** The archive's first entry: what it holds, so a restore can prove it got all of it back. */
export const MANIFEST_NAME = 'manifest.json';
/** The database inside the archive, under the name the server opens in DATA_DIR. */
export const DATABASE_NAME = 'maillage.sqlite';
/** Uploaded files keep their path under DATA_DIR, below this folder of the archive. */
export const FILES_DIR = 'files';
/** Bumped when the layout of the archive changes, so an old restore refuses a new archive. */
export const ARCHIVE_FORMAT = 1;

const fileEntrySchema = z.object({
  /** Relative to DATA_DIR, with forward slashes. */
  path: z.string().min(1).max(1000).refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'chemin hors de DATA_DIR'),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type FileEntry = z.infer<typeof fileEntrySchema>;

export const manifestSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  app: z.object({ name: z.string(), version: z.string() }),
  createdAt: z.iso.datetime(),
  /** How many committed migrations the database had seen, and the last one's name. */
  schema: z.object({ migrations: z.number().int().nonnegative(), last: z.string().nullable() }),
  database: fileEntrySchema.omit({ path: true }),
  /** Rows per table at the moment of the snapshot (FTS shadow tables left out). */
  tables: z.record(z.string(), z.number().int().nonnegative()),
  files: z.array(fileEntrySchema).max(1_000_000),
});
export type Manifest = z.infer<typeof manifestSchema>;

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path).on('error', reject).on('data', (chunk) => hash.update(chunk)).on('end', () => resolve(hash.digest('hex')));
  });
}

/** Rows of every ordinary table; virtual tables and their shadow tables are rebuilt from them. */
export function countRows(sqlite: Database.Database): Record<string, number> {
  const tables = sqlite.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck().all() as string[];
  const counts: Record<string, number> = {};
  for (const name of tables) counts[name] = sqlite.prepare(`SELECT count(*) FROM "${name.replaceAll('"', '""')}"`).pluck().get() as number;
  return counts;
}

interface JournalEntry { tag: string; when: number }
const journal = (): JournalEntry[] =>
  (JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: JournalEntry[] }).entries;

/** The migrations this version of Maillage knows. */
export const knownMigrations = (): number => journal().length;

/** Which migrations a database has seen, named after the committed journal. */
export function migrationLevel(sqlite: Database.Database): Manifest['schema'] {
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  if (!hasTable) return { migrations: 0, last: null };
  const rows = sqlite.prepare('SELECT created_at FROM __drizzle_migrations ORDER BY created_at').pluck().all() as number[];
  const last = rows.at(-1);
  const named = journal().find((entry) => entry.when === Number(last));
  return { migrations: rows.length, last: named?.tag ?? (last === undefined ? null : String(last)) };
}

export function appVersion(): Manifest['app'] {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}
