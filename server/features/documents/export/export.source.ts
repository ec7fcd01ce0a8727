import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../../db/client';
import { documentVersions } from '../../../../db/schema/index';
import { notFound } from '../../../core/errors';
import type { CollabService } from '../collab/collab.types';

const day = (date: Date) => date.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });

/**
 * The text an export is made of, and the words that name it in a PDF's footer: the working text, or
 * the state a version reference names (`version:<id>`, a version of the history, with its name).
 * `owned`: the state is a fresh encoding nobody else holds, which the render pool may take over.
 */
export async function exportSource(db: Db, collab: CollabService, documentId: string, ref: string | undefined): Promise<{ state: Uint8Array; label: string; owned: boolean }> {
  if (!ref) return { state: await collab.encodeState(documentId), label: `version de travail du ${day(new Date())}`, owned: true };
  const versionId = ref.slice('version:'.length);
  const row = db.select({ state: documentVersions.state, name: documentVersions.name, createdAt: documentVersions.createdAt }).from(documentVersions)
    .where(and(eq(documentVersions.id, versionId), eq(documentVersions.documentId, documentId))).get();
  if (!row) throw notFound('Cette version');
  return { state: row.state, label: row.name ?? `version du ${day(row.createdAt)}`, owned: false };
}
