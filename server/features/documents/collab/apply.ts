import * as Y from 'yjs';
import type { CollabSettings } from '../../../../shared/limits';
import { countStructs } from './document-check';
import type { Origin, Room } from './room';
import { checkUpdate, type GuardOptions } from './schema-guard';

export type ApplyResult =
  | { status: 'applied' | 'unchanged' | 'refused' | 'malformed' }
  | { status: 'too-large' | 'invalid' | 'busy'; reason: string };

/** True when the update brings nothing the document does not already have (no struct, no deletion). */
export function addsNothing(doc: Y.Doc, update: Uint8Array): boolean {
  // The empty update (no struct, no deletion) is what a fresh client answers: skip the snapshot.
  if (update.byteLength === 2 && update[0] === 0 && update[1] === 0) return true;
  return Y.snapshotContainsUpdate(Y.snapshot(doc), update);
}

export interface ApplyOptions {
  readOnly: boolean;
  settings: CollabSettings;
  guard: GuardOptions;
  /** Structs held by every loaded document now. */
  itemsInMemory: () => number;
}

/**
 * Fourth step: a client's update (sync step 2 or update message) meets the document.
 * Read-only connections may only send what the server already has: a stock client always
 * answers sync step 1 with its state, which is harmless when it adds nothing. Any other update
 * is checked against the editor schema and the document's limits BEFORE it is applied: Yjs
 * cannot take back an applied update, and what is applied reaches everyone.
 */
export function applyClientUpdate(room: Room, update: Uint8Array, origin: Origin, options: ApplyOptions): ApplyResult {
  const { doc } = room;
  const { settings } = options;
  if (options.readOnly) {
    try {
      return { status: addsNothing(doc, update) ? 'unchanged' : 'refused' };
    } catch {
      return { status: 'malformed' };
    }
  }
  const verdict = checkUpdate(doc, update, options.guard);
  if (!verdict.ok) {
    if (verdict.code === 'malformed') return { status: 'malformed' };
    if (verdict.code === 'too-many') return { status: 'too-large', reason: `Modification refusée : ${verdict.reason}.` };
    return { status: 'invalid', reason: `Modification refusée : ${verdict.reason}.` };
  }
  if (verdict.items > 0) {
    if (room.items + verdict.items > settings.maxItemsPerDocument) {
      return { status: 'too-large', reason: 'Le document a atteint sa taille maximale : scindez-le en plusieurs documents.' };
    }
    if (options.itemsInMemory() + verdict.items > settings.maxItemsInMemory) {
      return { status: 'busy', reason: 'Le serveur est très chargé : vos modifications seront envoyées dans un instant.' };
    }
  }
  try {
    if (room.bytes + update.byteLength > settings.maxDocumentBytes) {
      const added = Y.diffUpdate(update, Y.encodeStateVector(doc)).byteLength;
      if (room.bytes + added > settings.maxDocumentBytes && !addsNothing(doc, update)) {
        return { status: 'too-large', reason: 'Le document a atteint sa taille maximale : scindez-le en plusieurs documents.' };
      }
    }
    // The common case of typing: written and sent first, applied right after (room.ts, `accept`).
    // Not while Yjs holds back structs or deletions of an earlier update: this one could release
    // them, and only an update applied here reports everything it integrated.
    if (verdict.continues && doc.store.pendingStructs === null && doc.store.pendingDs === null) {
      room.accept(update, origin, verdict.items);
      return { status: 'applied' };
    }
    Y.applyUpdate(doc, update, origin);
    room.items = countStructs(doc);
    return { status: 'applied' };
  } catch {
    // Whatever integrated before the decoder failed is valid Yjs data and is persisted as usual.
    room.items = countStructs(doc);
    return { status: 'malformed' };
  }
}
