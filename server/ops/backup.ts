import { constants, existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import Database from 'better-sqlite3';
import { create } from 'tar';
import { databaseFile } from '../../db/client';
import {
  ARCHIVE_FORMAT, DATABASE_NAME, FILES_DIR, MANIFEST_NAME, appVersion, countRows, migrationLevel, sha256File,
  type FileEntry, type Manifest,
} from './manifest';
import { OpsError } from './ops-error';

/** SQLite's own files: the database comes from the backup API, never from a copy of these. */
const DATABASE_FILES = new Set(['maillage.sqlite', 'maillage.sqlite-wal', 'maillage.sqlite-shm', 'maillage.sqlite-journal']);

/**
 * Files that live for one request (exports being downloaded, documents/export/export.temp.ts),
 * removed at every start: not data, and a 35 MB export copied and hashed for nothing.
 */
const TEMPORARY_DIR = 'tmp';

/** `maillage-2027-03-27T09-30-00.tar.gz`, in the current folder. */
export const defaultArchiveName = (now = new Date()) => `maillage-${now.toISOString().slice(0, 19).replaceAll(':', '-')}.tar.gz`;

const isInside = (child: string, parent: string) => child === parent || child.startsWith(parent.endsWith(sep) ? parent : parent + sep);

/**
 * An online backup of DATA_DIR into one .tar.gz: the database through SQLite's backup API (a
 * consistent snapshot taken while the server keeps writing), then the uploaded files, then a
 * manifest of both. Files are copied after the snapshot, so every file the database names is
 * there (an upload finishing during the backup may add a file nothing names yet: harmless).
 */
export async function createBackup(dataDir: string, archive: string, now = new Date()): Promise<{ archive: string; manifest: Manifest }> {
  const data = resolve(dataDir);
  const target = resolve(archive);
  if (!existsSync(databaseFile(data))) throw new OpsError(`Aucune base de données à sauvegarder dans ${data} (DATA_DIR).`);
  if (isInside(target, data)) throw new OpsError(`L’archive ne peut pas être écrite dans DATA_DIR (${data}) : elle serait incluse dans la sauvegarde suivante.`);
  if (existsSync(target)) throw new OpsError(`${target} existe déjà : choisissez un autre nom, rien n’est écrasé.`);
  if (!existsSync(dirname(target))) throw new OpsError(`Le dossier ${dirname(target)} n’existe pas.`);

  // Beside the archive: the final rename stays on one file system, and nothing is written in DATA_DIR.
  const staging = await mkdtemp(join(dirname(target), '.maillage-backup-'));
  try {
    const snapshot = join(staging, DATABASE_NAME);
    const { tables, schema } = await snapshotDatabase(databaseFile(data), snapshot);
    const files = await copyUploads(data, join(staging, FILES_DIR));
    const manifest: Manifest = {
      format: ARCHIVE_FORMAT,
      app: appVersion(),
      createdAt: now.toISOString(),
      schema,
      database: { bytes: (await stat(snapshot)).size, sha256: await sha256File(snapshot) },
      tables,
      files,
    };
    await writeFile(join(staging, MANIFEST_NAME), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
    const partial = `${target}.partial`;
    // The manifest first: a restore reads it before anything else.
    await create({ gzip: true, file: partial, cwd: staging, portable: true }, [MANIFEST_NAME, DATABASE_NAME, ...files.map((f) => `${FILES_DIR}/${f.path}`)]);
    // Password hashes and sessions are inside: readable by the operator's account only.
    await chmod(partial, 0o600);
    await rename(partial, target);
    return { archive: target, manifest };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function snapshotDatabase(file: string, snapshot: string): Promise<Pick<Manifest, 'tables' | 'schema'>> {
  const source = new Database(file, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // The first step only counts pages; asking for all of them in the next step copies the whole
    // database inside one read transaction (writers go on in WAL mode), so a write from the server
    // restarts the copy at most once instead of at every step.
    await source.backup(snapshot, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const copy = new Database(snapshot, { fileMustExist: true });
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new OpsError(`La copie de la base de données est endommagée (${String(check)}) : sauvegarde annulée.`);
    // The archive holds one self-contained file: no WAL beside it.
    copy.pragma('journal_mode = DELETE');
    return { tables: countRows(copy), schema: migrationLevel(copy) };
  } finally {
    copy.close();
  }
}

/** Every file of DATA_DIR but the database's own and the temporary ones, copied so that what is hashed is what is archived. */
async function copyUploads(data: string, into: string): Promise<FileEntry[]> {
  const entries: FileEntry[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const rel = relative(data, path).split(sep).join('/');
      if (entry.isDirectory()) {
        if (!(dir === data && entry.name === TEMPORARY_DIR)) await walk(path);
      } else if (entry.isFile() && !(dir === data && DATABASE_FILES.has(entry.name))) {
        const copy = join(into, rel);
        await mkdir(dirname(copy), { recursive: true });
        try {
          // A reflink where the file system offers it, a plain copy otherwise.
          await copyFile(path, copy, constants.COPYFILE_FICLONE);
        } catch (err) {
          // Deleted since it was listed (a swept attachment): it is simply not in this backup.
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
          throw err;
        }
        entries.push({ path: rel, bytes: (await stat(copy)).size, sha256: await sha256File(copy) });
      }
    }
  };
  await walk(data);
  return entries.sort((a, b) => a.path.localeCompare(b.path));
}
