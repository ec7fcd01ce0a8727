import * as Y from 'yjs';
import type { StoredDocument } from './store';

export class LoadError extends Error {}

/** The stored snapshot and the log after it, applied in one transaction; throws what Yjs throws. */
export function replay(stored: StoredDocument, gc: boolean): Y.Doc {
  const doc = new Y.Doc({ gc });
  try {
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    }, 'load');
    return doc;
  } catch (err) {
    doc.destroy();
    throw err;
  }
}

/**
 * Third step: rebuild the document from its snapshot and the log after it. Any failure is
 * thrown, never papered over with an empty document: serving empty would let the first
 * keystroke's compaction overwrite what is stored.
 */
export function buildDocument(documentId: string, stored: StoredDocument): Y.Doc {
  let doc: Y.Doc;
  try {
    doc = replay(stored, true);
  } catch (err) {
    // Yjs frees a deleted subtree recursively: a stored deletion of thousands of nested levels
    // overflows the stack. Without garbage collection the same history still rebuilds.
    if (!(err instanceof RangeError)) throw new LoadError(`document ${documentId} cannot be rebuilt: ${(err as Error).message}`);
    try {
      doc = replay(stored, false);
    } catch (again) {
      throw new LoadError(`document ${documentId} cannot be rebuilt: ${(again as Error).message}`);
    }
  }
  if (stored.bytes > 0 && doc.store.clients.size === 0) {
    doc.destroy();
    throw new LoadError(`document ${documentId} has stored data but rebuilds empty`);
  }
  return doc;
}
