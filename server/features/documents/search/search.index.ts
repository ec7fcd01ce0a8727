import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { documents } from '../../../../db/schema/index';
import { DOCUMENT_SEARCH } from '../../../../shared/limits';
import type { CollabService } from '../collab/collab.types';
import type { Renderer } from '../render/render.pool';

/** How long the index waits after the last persisted change of a document before reading it. */
export const REINDEX_DEBOUNCE_MS = 1500;

/** How long a document waits to be read again when the render pool had no room for it. */
export const REINDEX_RETRY_MS = 2000;
/**
 * The render pool's "queue full": nothing was tried, so trying later is free. A timeout or an
 * out-of-memory is the document's own cost: tried again it would take a worker every few seconds.
 */
const BUSY = 'render_busy';

/**
 * Keeps documents_fts (an FTS5 table, accents folded) in step with the stored text and the title:
 * every persisted change or rename schedules a re-read of the document, debounced so a typing burst
 * costs one. The title is indexed whole, the text up to DOCUMENT_SEARCH.indexedTextBytes from its
 * start: the row's delete and insert run here, on the event loop, and cost with the text's size.
 */
export function searchIndex(app: FastifyInstance, collab: CollabService, render: Renderer, debounceMs = REINDEX_DEBOUNCE_MS, retryMs = REINDEX_RETRY_MS) {
  const timers = new Map<string, NodeJS.Timeout>();
  const upsert = app.sqlite.prepare('INSERT INTO documents_fts (document_id, title, body) VALUES (?, ?, ?)');
  const remove = app.sqlite.prepare('DELETE FROM documents_fts WHERE document_id = ?');
  const maxBytes = app.config.indexedTextBytes ?? DOCUMENT_SEARCH.indexedTextBytes;

  async function reindex(documentId: string): Promise<void> {
    const row = app.db.select({ title: documents.title }).from(documents).where(eq(documents.id, documentId)).get();
    if (!row) return;
    // Read in the render pool, a large document from SQLite by the worker itself: neither its
    // state nor more of its text than the index holds crosses the event loop.
    const body = await render.indexedText(await collab.stateSource(documentId), maxBytes);
    app.sqlite.transaction(() => {
      remove.run(documentId);
      upsert.run(documentId, row.title, body);
    })();
  }

  // One document at a time: a burst of changes (a restart, a seeded region, a busy afternoon)
  // never fills the render pool's queue that members' exports wait in. A document the pool had
  // no room for is read again a little later rather than left stale.
  const pending = new Set<string>();
  let draining: Promise<void> | null = null;
  let closing = false;

  async function drain(): Promise<void> {
    for (const documentId of pending) {
      pending.delete(documentId);
      try {
        await reindex(documentId);
      } catch (err) {
        if (!closing && (err as { code?: string }).code === BUSY) schedule(documentId, retryMs);
        else app.log.warn({ err, documentId }, 'search index update failed');
      }
    }
  }

  function kick(): Promise<void> {
    draining ??= drain().finally(() => { draining = null; });
    return draining;
  }

  function schedule(documentId: string, delayMs: number): void {
    clearTimeout(timers.get(documentId));
    timers.set(documentId, setTimeout(() => {
      timers.delete(documentId);
      pending.add(documentId);
      void kick();
    }, delayMs).unref());
  }

  const scheduleReindex = (documentId: string): void => schedule(documentId, debounceMs);

  collab.onPersisted(({ documentId }) => scheduleReindex(documentId));
  // Before the render pool closes: what was written just before a restart is found by search after it.
  app.addHook('preClose', async () => {
    closing = true;
    for (const [documentId, timer] of timers) {
      clearTimeout(timer);
      pending.add(documentId);
    }
    timers.clear();
    await kick();
  });

  return { scheduleReindex };
}
export type SearchIndex = ReturnType<typeof searchIndex>;
