import * as Y from 'yjs';
import { DOCUMENT_CONTENT } from '../../../../shared/documents.content';
import { editorSchema } from '../content/editor-schema';
import { FRAGMENT } from '../content/yjs-content';
import { countStructs, findSchemaProblems } from './document-check';
import { buildDocument } from './load';
import { schemaRules } from './schema-rules';
import { SCHEMA_FINGERPRINT } from './schema-fingerprint';
import { packState } from './state-packing';
import { mergedState, type StoredDocument } from './store';
import { storeFor } from './worker-store';

/**
 * The collaboration endpoint's heavy work, run in a worker process (core/worker-pool.ts): rebuilding a
 * document from its snapshot and log, folding the log into a new snapshot, reading a stored
 * state. Each worker has its own SQLite connection. The main process applies the stored bytes
 * meanwhile (rooms.ts) but never encodes or checks a whole document, so a large document never
 * stalls the other documents' keystrokes for more than its one decoding.
 */

const rules = schemaRules(editorSchema);
const problemsOf = (doc: Y.Doc) => findSchemaProblems(doc, { rules, fragment: FRAGMENT, maxDepth: DOCUMENT_CONTENT.maxDepth });

export interface LoadResult {
  /** The whole state, its state vector and its sync-step-2 frame (state-packing.ts), in one buffer. */
  packed: Uint8Array;
  lastUpdateId: number;
  bytes: number;
  logCount: number;
  items: number;
  problems: string[];
}

/** A snapshot alone is already the whole state encoded: it is sent as stored, not re-encoded. */
const wholeState = (stored: StoredDocument, doc: Y.Doc): Uint8Array =>
  stored.snapshot && stored.updates.length === 0 ? stored.snapshot : Y.encodeStateAsUpdate(doc);

/** Answers once the worker has loaded this module (and with it the editor's schema): the start-up's warm-up. */
export function ready(): true {
  return true;
}

export function load({ file, documentId }: { file: string; documentId: string }): LoadResult {
  const store = storeFor(file);
  const stored = store.read(documentId);
  const doc = buildDocument(documentId, stored);
  try {
    const problems = problemsOf(doc);
    // A snapshot alone found valid: its next opening skips this whole rebuild and check (rooms.ts).
    if (problems.length === 0 && stored.snapshot && stored.updates.length === 0 && stored.checkedSchema !== SCHEMA_FINGERPRINT) {
      store.markChecked(documentId, stored.lastUpdateId, SCHEMA_FINGERPRINT);
    }
    return {
      packed: packState(Y.encodeStateVector(doc), wholeState(stored, doc)),
      lastUpdateId: stored.lastUpdateId,
      bytes: stored.bytes,
      logCount: stored.updates.length,
      items: countStructs(doc),
      problems,
    };
  } finally {
    doc.destroy();
  }
}

/** Folds the log up to `throughUpdateId` into the snapshot; the stored size afterwards. */
export function compact({ file, documentId, throughUpdateId }: { file: string; documentId: string; throughUpdateId: number }): { snapshotBytes: number } {
  // Checked here, off the server's loop, so that the document's next opening need not be.
  return { snapshotBytes: storeFor(file).compactStored(documentId, throughUpdateId, (doc) => (problemsOf(doc).length === 0 ? SCHEMA_FINGERPRINT : null)) };
}

/** The stored state as one update and its state vector, packed in one buffer (see state-packing.ts). */
export function state({ file, documentId }: { file: string; documentId: string }) {
  const merged = mergedState(storeFor(file).read(documentId));
  const vector = Y.encodeStateVectorFromUpdate(merged);
  return packState(vector, merged);
}
