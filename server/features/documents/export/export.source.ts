import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../../db/client';
import { documentPublications, documents, documentVersions } from '../../../../db/schema/index';
import { notFound } from '../../../core/errors';
import type { CollabService } from '../collab/collab.types';

const day = (date: Date) => date.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });

/** How a PDF's footer names a version of record, for members and visitors alike. */
export const publishedLabel = (number: number, publishedAt: Date) => `version publiée n° ${number} du ${day(publishedAt)}`;

/**
 * The text an export is made of, and the words that name it in a PDF's footer: the working text, or
 * the state a version reference names (`version:<id>`, a version of the history, with its name;
 * `published` or `published:<n>`, a version of record, with its number).
 */
export async function exportSource(db: Db, collab: CollabService, documentId: string, ref: string | undefined): Promise<{ state: Uint8Array; label: string }> {
  if (!ref) return { state: await collab.encodeState(documentId), label: `version de travail du ${day(new Date())}` };
  if (ref.startsWith('published')) {
    const number = ref === 'published'
      ? db.select({ n: documents.publishedVersion }).from(documents).where(eq(documents.id, documentId)).get()?.n
      : Number(ref.slice('published:'.length));
    const row = number ? db.select({ number: documentPublications.number, state: documentPublications.state, publishedAt: documentPublications.publishedAt }).from(documentPublications)
      .where(and(eq(documentPublications.documentId, documentId), eq(documentPublications.number, number))).get() : undefined;
    if (!row) throw notFound('Cette version publiée');
    return { state: row.state, label: publishedLabel(row.number, row.publishedAt) };
  }
  const versionId = ref.slice('version:'.length);
  const row = db.select({ state: documentVersions.state, name: documentVersions.name, createdAt: documentVersions.createdAt }).from(documentVersions)
    .where(and(eq(documentVersions.id, versionId), eq(documentVersions.documentId, documentId))).get();
  if (!row) throw notFound('Cette version');
  return { state: row.state, label: row.name ?? `version du ${day(row.createdAt)}` };
}
