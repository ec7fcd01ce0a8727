import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MESSAGE_SYNC, SYNC_STEP2 } from './protocol';

// A whole state and its state vector in one buffer, so that a worker can move it to the main
// thread instead of copying it: [vector length, u32][vector][sync-step-2 frame of the state].
// The state travels already framed: the main thread applies it through a view and sends the very
// same bytes to every client that arrives empty, without encoding or copying 8 MB on its loop.

export interface PackedState {
  stateVector: Uint8Array;
  /** The y-websocket sync-step-2 message carrying `state`, ready to send. */
  frame: Uint8Array;
  /** The state as one Yjs update (a view into `frame`). */
  state: Uint8Array;
}

export function packState(vector: Uint8Array, state: Uint8Array): Uint8Array {
  const header = encoding.createEncoder();
  encoding.writeVarUint(header, MESSAGE_SYNC);
  encoding.writeVarUint(header, SYNC_STEP2);
  encoding.writeVarUint(header, state.byteLength);
  const head = encoding.toUint8Array(header);
  const packed = new Uint8Array(4 + vector.byteLength + head.byteLength + state.byteLength);
  new DataView(packed.buffer).setUint32(0, vector.byteLength);
  packed.set(vector, 4);
  packed.set(head, 4 + vector.byteLength);
  packed.set(state, 4 + vector.byteLength + head.byteLength);
  return packed;
}

export function unpackState(packed: Uint8Array): PackedState {
  const length = new DataView(packed.buffer, packed.byteOffset, 4).getUint32(0);
  const frame = packed.subarray(4 + length);
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  const stateLength = decoding.readVarUint(decoder);
  return { stateVector: packed.subarray(4, 4 + length), frame, state: frame.subarray(decoder.pos, decoder.pos + stateLength) };
}
