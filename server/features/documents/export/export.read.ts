import { and, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { schema, type Db } from '../../../../db/client';
import { documentPublications, documents, documentVersions } from '../../../../db/schema/index';
import { readState, workerConnection } from '../collab/worker-store';
import { SOURCE_NOT_FOUND, type ExportSource } from './export.source';

const day = (date: Date) => date.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });

/** How a PDF's footer names a version of record, for members and visitors alike. */
const publishedLabel = (number: number, publishedAt: Date) => `version publiée n° ${number} du ${day(publishedAt)}`;

const missing = (what: string) => Object.assign(new Error(what), { code: SOURCE_NOT_FOUND });

const dbs = new WeakMap<object, Db>();
function dbFor(file: string): Db {
  const { sqlite } = workerConnection(file);
  let db = dbs.get(sqlite);
  if (!db) dbs.set(sqlite, (db = drizzle(sqlite, { schema })));
  return db;
}

/**
 * Runs in a render worker: the state an export is made of, the words that name it in a PDF's
 * footer, and the date of that text (a version's or a publication's, now for the working text).
 */
export function readExportSource({ file, documentId, text, state }: ExportSource): { state: Uint8Array; label: string; date: Date } {
  if (text.kind === 'working') {
    const now = new Date();
    // The stored snapshot and log merged, as collab.tasks.ts `state` reads the working text.
    return { state: readState(state ?? { file, documentId }), label: `version de travail du ${day(now)}`, date: now };
  }
  const db = dbFor(file);
  if (text.kind === 'published') {
    const number = text.number ?? db.select({ n: documents.publishedVersion }).from(documents).where(eq(documents.id, documentId)).get()?.n;
    const row = number ? db.select({ number: documentPublications.number, state: documentPublications.state, publishedAt: documentPublications.publishedAt }).from(documentPublications)
      .where(and(eq(documentPublications.documentId, documentId), eq(documentPublications.number, number))).get() : undefined;
    if (!row) throw missing('Cette version publiée');
    return { state: row.state, label: publishedLabel(row.number, row.publishedAt), date: row.publishedAt };
  }
  const row = db.select({ state: documentVersions.state, name: documentVersions.name, createdAt: documentVersions.createdAt }).from(documentVersions)
    .where(and(eq(documentVersions.id, text.id), eq(documentVersions.documentId, documentId))).get();
  if (!row) throw missing('Cette version');
  return { state: row.state, label: row.name ?? `version du ${day(row.createdAt)}`, date: row.createdAt };
}
