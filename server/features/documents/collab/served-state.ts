import * as Y from 'yjs';
import { encodeSyncStep2 } from './protocol';

/**
 * The whole state of a room as a sync-step-2 frame, kept for the clients that arrive empty (every
 * new tab of the editor). After the load it is the worker's bytes, sent as they are; after changes
 * the same bytes go out followed by what memory holds beyond them. Encoding a large document again
 * for each newcomer (or reading it back from SQLite) is what made the second client of an 8 MB
 * document wait about as long as the first.
 */
export interface ServedState {
  /** The y-websocket message, sent as is (never copied per client). */
  frame: Uint8Array;
  /** The state vector of the state it carries. */
  vector: Uint8Array;
  /** No change since it was made: the frame alone is the whole document. */
  exact: boolean;
  /** The room's stored bytes when it was made: what changed since is encoded per newcomer, up to a bound. */
  bytesAtBase: number;
}

/**
 * The bytes of frames kept by all rooms together. Past it a room keeps none and a newcomer to a
 * large document is served from storage (worker process), as before: memory stays bounded by what
 * the loaded documents hold, not by how many of them were opened once.
 */
export class ServedBudget {
  used = 0;
  constructor(readonly maxBytes: number) {}
}

/** A quarter of the struct budget's memory (`maxItemsInMemory` × ≈ 440 bytes ≈ 880 MB). */
export const SERVED_STATE_BUDGET_BYTES = 224 * 1024 * 1024;

/** The frame of a small document's whole state, encoded here (below `encodeInPlaceBytes`, a few ms at most). */
export function encodeServedState(doc: Y.Doc, bytes: number): ServedState {
  return { frame: encodeSyncStep2(Y.encodeStateAsUpdate(doc)), vector: Y.encodeStateVector(doc), exact: true, bytesAtBase: bytes };
}
