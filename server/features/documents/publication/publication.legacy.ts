import type { FastifyInstance } from 'fastify';
import type { CollabService } from '../collab/collab.types';
import type { PublicationService } from './publication.service';

/** The note of a version 1 made from a document published before versions of record existed. */
export const LEGACY_NOTE = 'Version publiée avant l’historique des publications.';

/**
 * Documents published before versions of record had the status "published" and the library
 * showed their working text. At start, each becomes version 1 of its current state (dated when it
 * last changed), in the library, with its working text "validated". Done here rather than in SQL:
 * a Yjs state is the merge of the snapshot and the update log, which only Yjs can compute.
 * Idempotent: a converted document no longer has the old status.
 */
export async function convertLegacyPublished(app: FastifyInstance, collab: CollabService, publication: PublicationService): Promise<void> {
  const legacy = app.sqlite.prepare<[], { id: string; updatedAt: number }>(
    `SELECT id, updated_at AS updatedAt FROM documents WHERE status = 'published'`).all();
  const validate = app.sqlite.prepare<[string]>(`UPDATE documents SET status = 'validated' WHERE id = ?`);
  for (const { id, updatedAt } of legacy) {
    const state = await collab.encodeState(id);
    app.sqlite.transaction(() => {
      publication.record(id, state, LEGACY_NOTE, null, new Date(updatedAt));
      validate.run(id);
    })();
  }
  if (legacy.length) app.log.info({ documents: legacy.length }, 'published documents converted to versions of record');
}
