import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { documents } from '../../../../db/schema/index';
import type { CollabService } from '../collab/collab.types';
import type { Renderer } from '../render/render.pool';

/** How long the index waits after the last persisted change of a document before reading it. */
export const REINDEX_DEBOUNCE_MS = 1500;

/**
 * Keeps documents_fts (an FTS5 table, accents folded) in step with the stored text: every
 * persisted change schedules a re-read of the document, debounced so a typing burst costs one.
 */
export function searchIndex(app: FastifyInstance, collab: CollabService, render: Renderer, debounceMs = REINDEX_DEBOUNCE_MS) {
  const timers = new Map<string, NodeJS.Timeout>();
  const upsert = app.sqlite.prepare('INSERT INTO documents_fts (document_id, title, body) VALUES (?, ?, ?)');
  const remove = app.sqlite.prepare('DELETE FROM documents_fts WHERE document_id = ?');

  async function reindex(documentId: string): Promise<void> {
    const row = app.db.select({ title: documents.title }).from(documents).where(eq(documents.id, documentId)).get();
    if (!row) return;
    // Read in the render pool: a large document's text is never extracted on the event loop.
    const body = await render.plainText(await collab.encodeState(documentId));
    app.sqlite.transaction(() => {
      remove.run(documentId);
      upsert.run(documentId, row.title, body);
    })();
  }

  const running = new Set<Promise<void>>();
  function run(documentId: string): Promise<void> {
    const task = reindex(documentId)
      .catch((err) => app.log.warn({ err, documentId }, 'search index update failed'))
      .finally(() => running.delete(task));
    running.add(task);
    return task;
  }

  function scheduleReindex(documentId: string): void {
    clearTimeout(timers.get(documentId));
    timers.set(documentId, setTimeout(() => {
      timers.delete(documentId);
      void run(documentId);
    }, debounceMs).unref());
  }

  collab.onPersisted(({ documentId }) => scheduleReindex(documentId));
  // Before the render pool closes: what was written just before a restart is found by search after it.
  app.addHook('preClose', async () => {
    for (const [documentId, timer] of timers) {
      clearTimeout(timer);
      void run(documentId);
    }
    timers.clear();
    await Promise.all(running);
  });

  return { reindex, scheduleReindex };
}
export type SearchIndex = ReturnType<typeof searchIndex>;
