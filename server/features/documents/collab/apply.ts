import * as Y from 'yjs';
import type { Origin } from './room';

export type ApplyResult = 'applied' | 'unchanged' | 'refused' | 'too-large' | 'malformed';

/** True when the update brings nothing the document does not already have (no struct, no deletion). */
export function addsNothing(doc: Y.Doc, update: Uint8Array): boolean {
  // The empty update (no struct, no deletion) is what a fresh client answers: skip the snapshot.
  if (update.byteLength === 2 && update[0] === 0 && update[1] === 0) return true;
  return Y.snapshotContainsUpdate(Y.snapshot(doc), update);
}

/**
 * Fourth step: a client's update (sync step 2 or update message) meets the document.
 * Read-only connections may only send what the server already has: a stock client always
 * answers sync step 1 with its state, which is harmless when it adds nothing. The document
 * size is checked against what the update would add, so a reconnecting client resending
 * the whole document is not refused.
 */
export function applyClientUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  origin: Origin,
  options: { readOnly: boolean; storedBytes: number; maxDocumentBytes: number },
): ApplyResult {
  try {
    if (options.readOnly) return addsNothing(doc, update) ? 'unchanged' : 'refused';
    if (options.storedBytes + update.byteLength > options.maxDocumentBytes) {
      const added = Y.diffUpdate(update, Y.encodeStateVector(doc)).byteLength;
      if (options.storedBytes + added > options.maxDocumentBytes && !addsNothing(doc, update)) return 'too-large';
    }
    Y.applyUpdate(doc, update, origin);
    return 'applied';
  } catch {
    // Whatever integrated before the decoder failed is valid Yjs data and is persisted as usual.
    return 'malformed';
  }
}
