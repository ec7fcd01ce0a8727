import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import { MalformedMessage, decodeMessage, encodeUpdate } from '../../server/features/documents/collab/protocol';

describe('decoding client frames', () => {
  it('reads what a stock client sends', () => {
    const doc = new Y.Doc();
    doc.getXmlFragment('default').insert(0, [new Y.XmlText('Bonjour')]);
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeSyncStep1(e, doc);
    expect(decodeMessage(encoding.toUint8Array(e))).toEqual({ type: 'sync-step1', stateVector: Y.encodeStateVector(doc) });
    const update = Y.encodeStateAsUpdate(doc);
    expect(decodeMessage(encodeUpdate(update))).toEqual({ type: 'update', update });
    expect(decodeMessage(new Uint8Array([3]))).toEqual({ type: 'query-awareness' });
  });

  it('refuses truncated, unknown and empty frames', () => {
    expect(() => decodeMessage(new Uint8Array([]))).toThrow(MalformedMessage);
    expect(() => decodeMessage(new Uint8Array([0, 1, 10, 1]))).toThrow(MalformedMessage);
    expect(() => decodeMessage(new Uint8Array([0, 7, 0]))).toThrow(MalformedMessage);
    expect(() => decodeMessage(new Uint8Array([9]))).toThrow(MalformedMessage);
  });
});
