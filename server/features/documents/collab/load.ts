import * as Y from 'yjs';
import type { StoredDocument } from './store';

export class LoadError extends Error {}

/**
 * Third step: rebuild the document from its snapshot and the log after it. Any failure is
 * thrown, never papered over with an empty document: serving empty would let the first
 * keystroke's compaction overwrite what is stored.
 */
export function buildDocument(documentId: string, stored: StoredDocument): Y.Doc {
  const doc = new Y.Doc();
  try {
    doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    }, 'load');
  } catch (err) {
    doc.destroy();
    throw new LoadError(`document ${documentId} cannot be rebuilt: ${(err as Error).message}`);
  }
  if (stored.bytes > 0 && doc.store.clients.size === 0) {
    doc.destroy();
    throw new LoadError(`document ${documentId} has stored data but rebuilds empty`);
  }
  return doc;
}
