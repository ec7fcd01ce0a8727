// A stored state and its state vector in one buffer, so that a worker can move it to the main
// thread instead of copying it: [vector length, u32][vector][state].

export function packState(vector: Uint8Array, state: Uint8Array): Uint8Array {
  const packed = new Uint8Array(4 + vector.byteLength + state.byteLength);
  new DataView(packed.buffer).setUint32(0, vector.byteLength);
  packed.set(vector, 4);
  packed.set(state, 4 + vector.byteLength);
  return packed;
}

export function unpackState(packed: Uint8Array): { state: Uint8Array; stateVector: Uint8Array } {
  const length = new DataView(packed.buffer, packed.byteOffset, 4).getUint32(0);
  return { stateVector: packed.subarray(4, 4 + length), state: packed.subarray(4 + length) };
}
