import type * as Y from 'yjs';
import type { StateSource } from './worker-store';

/**
 * What the collaboration endpoint offers the documents feature, which creates it with
 * `createCollab(app)` (collab/index.ts) and hands it to its routes and services (only core/
 * decorates the Fastify instance). Templates, version restores, exports and the search index all
 * go through it: every change the server makes takes the same log-then-broadcast path as a
 * person's keystrokes.
 */
export interface CollabService {
  /**
   * Applies a change made by the server (template content, version restore) as a new forward
   * update: persisted in the update log, then broadcast to every connected client.
   * Works whether or not the document is loaded in memory.
   */
  applyServerChange(documentId: string, change: (doc: Y.Doc) => void, userId?: string): Promise<void>;
  /** The current full state as a Yjs update (from memory when loaded, else from SQLite), in a buffer of its own the caller may give away. */
  encodeState(documentId: string): Promise<Uint8Array>;
  /**
   * The working text for a render task: its bytes when the document is small and in memory (encoded
   * at once), otherwise the document described for the worker to read from SQLite itself
   * (worker-store.ts `readState`), once everything memory holds is written: a large state is never
   * encoded on the event loop nor copied through it.
   */
  stateSource(documentId: string): Promise<StateSource>;
  /** The current state vector, without encoding the whole state when the document is loaded. */
  encodeStateVector(documentId: string): Promise<Uint8Array>;
  /** Called after updates of a document are persisted (debounce on the listener's side). */
  onPersisted(listener: (event: { documentId: string; userIds: string[] }) => void): void;
  /** Closes every connection to the document with a reason (trash, deletion) and unloads it. */
  closeDocument(documentId: string, reason: string): Promise<void>;
  /** Writes everything pending and unloads every document (SIGTERM). */
  flushAll(): Promise<void>;
}
