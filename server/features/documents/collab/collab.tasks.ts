import Database from 'better-sqlite3';
import Piscina from 'piscina';
import * as Y from 'yjs';
import { DOCUMENT_CONTENT } from '../../../../shared/documents.content';
import { editorSchema } from '../content/editor-schema';
import { FRAGMENT } from '../content/yjs-content';
import { countStructs, findSchemaProblems } from './document-check';
import { buildDocument } from './load';
import { schemaRules } from './schema-rules';
import { packState } from './state-packing';
import { createStore, type CollabStore } from './store';

/**
 * The collaboration endpoint's heavy work, run in a worker thread (collab.pool.ts): rebuilding a
 * document from its snapshot and log, folding the log into a new snapshot, reading a stored
 * state. Each thread has its own SQLite connection; the main thread only applies one compact
 * update, so a large document never stalls the other documents' keystrokes.
 */

const stores = new Map<string, CollabStore>();
function storeFor(file: string): CollabStore {
  let store = stores.get(file);
  if (!store) {
    const sqlite = new Database(file);
    sqlite.pragma('busy_timeout = 5000');
    store = createStore(sqlite);
    stores.set(file, store);
  }
  return store;
}

const rules = schemaRules(editorSchema);

export interface LoadResult {
  state: Uint8Array;
  lastUpdateId: number;
  bytes: number;
  logCount: number;
  items: number;
  problems: string[];
}

export function load({ file, documentId }: { file: string; documentId: string }): LoadResult {
  const stored = storeFor(file).read(documentId);
  const doc = buildDocument(documentId, stored);
  try {
    return {
      state: Y.encodeStateAsUpdate(doc),
      lastUpdateId: stored.lastUpdateId,
      bytes: stored.bytes,
      logCount: stored.updates.length,
      items: countStructs(doc),
      problems: findSchemaProblems(doc, { rules, fragment: FRAGMENT, maxDepth: DOCUMENT_CONTENT.maxDepth }),
    };
  } finally {
    doc.destroy();
  }
}

/** Folds the log up to `throughUpdateId` into the snapshot; the stored size afterwards. */
export function compact({ file, documentId, throughUpdateId }: { file: string; documentId: string; throughUpdateId: number }): { snapshotBytes: number } {
  return { snapshotBytes: storeFor(file).compactStored(documentId, throughUpdateId) };
}

/**
 * The stored state as one update and its state vector, packed in one buffer that is moved to
 * the main thread, not copied (see state-packing.ts): [vector length u32][vector][state].
 */
export function state({ file, documentId }: { file: string; documentId: string }) {
  const stored = storeFor(file).read(documentId);
  const merged = Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]);
  const vector = Y.encodeStateVectorFromUpdate(merged);
  return Piscina.move(packState(vector, merged));
}
