import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../../db/client';
import { documentPublications, documentVersions } from '../../../../db/schema/index';
import type { DiffSide, VersionRef } from '../../../../shared/documents.diff.schema';
import { AppError, notFound } from '../../../core/errors';
import type { CollabService } from '../collab/collab.types';
import type { StateSource } from '../collab/worker-store';

/**
 * A version reference (shared/documents.diff.schema.ts) read as a Yjs state and named for the
 * page. The caller has checked that the person may read the document: every state here is the
 * document's own (a version id of another document is not found). The working text of a large
 * document is described, for the render worker to read from SQLite (`collab.stateSource`).
 */
export async function resolveRef(db: Db, collab: CollabService, documentId: string, ref: VersionRef): Promise<{ side: DiffSide; state: StateSource }> {
  const side = { ref, number: null, versionKind: null, name: null, at: null };
  if (ref === 'current') return { side: { ...side, kind: 'current' }, state: await collab.stateSource(documentId) };

  if (ref.startsWith('published')) {
    const wanted = ref === 'published' ? null : Number(ref.slice('published:'.length));
    const row = db.select({ number: documentPublications.number, state: documentPublications.state, at: documentPublications.publishedAt })
      .from(documentPublications)
      .where(and(eq(documentPublications.documentId, documentId), ...(wanted ? [eq(documentPublications.number, wanted)] : [])))
      .orderBy(desc(documentPublications.number)).limit(1).get();
    if (!row) {
      if (wanted) throw notFound('Cette version publiée');
      throw new AppError(404, 'not_published', 'Ce document n’a pas encore de version publiée.');
    }
    return { side: { ...side, kind: 'published', number: row.number, at: row.at.toISOString() }, state: row.state };
  }

  const versionId = ref.slice('version:'.length);
  const row = db.select({ kind: documentVersions.kind, name: documentVersions.name, state: documentVersions.state, at: documentVersions.createdAt })
    .from(documentVersions).where(and(eq(documentVersions.id, versionId), eq(documentVersions.documentId, documentId))).get();
  if (!row) throw notFound('Cette version');
  return {
    side: { ...side, kind: 'version', versionKind: row.kind, name: row.name, at: row.at.toISOString() },
    state: row.state,
  };
}
