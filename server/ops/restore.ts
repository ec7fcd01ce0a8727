import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import Database from 'better-sqlite3';
import { extract } from 'tar';
import {
  DATABASE_NAME, FILES_DIR, MANIFEST_NAME, countRows, knownMigrations, manifestSchema, sha256File, type Manifest,
} from './manifest';
import { OpsError } from './ops-error';

/** A manifest larger than this is not one of ours (a million files would take about 150 MB). */
const MANIFEST_MAX_BYTES = 256 * 1024 * 1024;

/**
 * Restores an archive of `createBackup` into DATA_DIR, which must be empty or absent: nothing is
 * ever overwritten. Everything is extracted into a hidden folder inside DATA_DIR (the same file
 * system even when DATA_DIR is a mounted volume) and checked against the manifest (hashes, sizes,
 * row counts, nothing missing, nothing extra) before it is moved into place; a refused archive
 * leaves DATA_DIR as it was (absent stays absent).
 */
export async function restoreBackup(archive: string, dataDir: string): Promise<Manifest> {
  const source = resolve(archive);
  const data = resolve(dataDir);
  if (!existsSync(source)) throw new OpsError(`Archive introuvable : ${source}.`);
  const created = !existsSync(data);
  if (!created && (await readdir(data)).length > 0) {
    throw new OpsError(`DATA_DIR (${data}) n’est pas vide : la restauration n’écrit que dans un dossier vide ou absent, pour ne rien écraser. Choisissez un autre DATA_DIR ou déplacez ce dossier.`);
  }
  await mkdir(data, { recursive: true });
  const staging = await mkdtemp(join(data, '.restauration-'));
  let restored = false;
  try {
    await unpack(source, staging);
    const manifest = await readManifest(staging);
    await checkFiles(staging, manifest);
    checkDatabase(join(staging, DATABASE_NAME), manifest);
    // The layout of DATA_DIR: the uploaded files' folders, and the database beside them.
    const files = join(staging, FILES_DIR);
    for (const name of existsSync(files) ? await readdir(files) : []) await rename(join(files, name), join(data, name));
    await rename(join(staging, DATABASE_NAME), join(data, DATABASE_NAME));
    restored = true;
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
    if (!restored && created) await rm(data, { recursive: true, force: true });
  }
}

async function unpack(archive: string, into: string): Promise<void> {
  const refused: string[] = [];
  try {
    // node-tar already keeps every entry inside `into` (no absolute paths, no `..`); links and
    // devices have no place in our archives, so only plain files and folders come out.
    await extract({
      file: archive, cwd: into, strict: true, preserveOwner: false,
      filter: (path, entry) => {
        const type = 'type' in entry ? entry.type : entry.isFile() ? 'File' : 'Directory';
        if (type === 'File' || type === 'Directory') return true;
        refused.push(path);
        return false;
      },
    });
  } catch (err) {
    throw new OpsError(`L’archive est illisible (${(err as Error).message}) : est-ce bien une sauvegarde de Maillage (.tar.gz) ?`);
  }
  if (refused.length) throw new OpsError(`L’archive contient des liens ou des fichiers spéciaux (${refused.slice(0, 3).join(', ')}) : ce n’est pas une sauvegarde de Maillage.`);
}

async function readManifest(unpacked: string): Promise<Manifest> {
  const file = join(unpacked, MANIFEST_NAME);
  if (!existsSync(file)) throw new OpsError('L’archive n’a pas de manifeste : ce n’est pas une sauvegarde de Maillage.');
  if ((await stat(file)).size > MANIFEST_MAX_BYTES) throw new OpsError('Le manifeste de l’archive est anormalement gros : restauration refusée.');
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new OpsError('Le manifeste de l’archive n’est pas du JSON valide.');
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new OpsError(`Le manifeste de l’archive est invalide (${first.path.join('.') || 'racine'} : ${first.message}).`);
  }
  const manifest = parsed.data;
  if (manifest.schema.migrations > knownMigrations()) {
    throw new OpsError(`Cette sauvegarde vient d’une version plus récente de Maillage (${manifest.app.version}, migration ${manifest.schema.last}) : installez au moins cette version avant de la restaurer.`);
  }
  return manifest;
}

/** Every file of the manifest, with its size and hash, and nothing else. */
async function checkFiles(unpacked: string, manifest: Manifest): Promise<void> {
  const db = join(unpacked, DATABASE_NAME);
  if (!existsSync(db)) throw new OpsError('L’archive ne contient pas la base de données.');
  if ((await stat(db)).size !== manifest.database.bytes || (await sha256File(db)) !== manifest.database.sha256) {
    throw new OpsError('La base de données de l’archive ne correspond pas au manifeste (archive abîmée ou modifiée).');
  }
  const clash = manifest.files.find((f) => f.path.toLowerCase().startsWith(DATABASE_NAME));
  if (clash) throw new OpsError(`Le manifeste nomme un fichier à la place de la base de données (${clash.path}) : restauration refusée.`);
  const expected = new Map(manifest.files.map((f) => [f.path, f]));
  const found = await listFiles(join(unpacked, FILES_DIR));
  const extra = found.filter((path) => !expected.has(path));
  if (extra.length) throw new OpsError(`L’archive contient des fichiers absents du manifeste : ${extra.slice(0, 3).join(', ')}.`);
  for (const entry of manifest.files) {
    const path = join(unpacked, FILES_DIR, ...entry.path.split('/'));
    if (!existsSync(path)) throw new OpsError(`Fichier manquant dans l’archive : ${entry.path}.`);
    if ((await stat(path)).size !== entry.bytes || (await sha256File(path)) !== entry.sha256) {
      throw new OpsError(`Le fichier ${entry.path} ne correspond pas au manifeste (archive abîmée ou modifiée).`);
    }
  }
  const topLevel = (await readdir(unpacked)).filter((name) => ![MANIFEST_NAME, DATABASE_NAME, FILES_DIR].includes(name));
  if (topLevel.length) throw new OpsError(`L’archive contient des éléments inattendus : ${topLevel.slice(0, 3).join(', ')}.`);
}

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

/** The database opens, passes SQLite's own check, and holds the rows the manifest counted. */
function checkDatabase(file: string, manifest: Manifest): void {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, { fileMustExist: true, readonly: true });
  } catch (err) {
    throw new OpsError(`La base de données de l’archive ne s’ouvre pas (${(err as Error).message}).`);
  }
  try {
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new OpsError(`La base de données de l’archive est endommagée (${String(check)}).`);
    const counts = countRows(sqlite);
    const names = new Set([...Object.keys(counts), ...Object.keys(manifest.tables)]);
    const wrong = [...names].filter((name) => counts[name] !== manifest.tables[name]);
    if (wrong.length) {
      const shown = wrong.slice(0, 3).map((name) => `${name} : ${counts[name] ?? 'absente'} au lieu de ${manifest.tables[name] ?? 'absente'}`);
      throw new OpsError(`La base de données de l’archive ne correspond pas au manifeste (${shown.join(' ; ')}).`);
    }
  } finally {
    sqlite.close();
  }
}
