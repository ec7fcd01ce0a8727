import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { broadcastBatch, sendOutbox } from '../../server/features/documents/collab/broadcast';
import { Connection } from '../../server/features/documents/collab/connection';
import { decodeMessage } from '../../server/features/documents/collab/protocol';
import { Room, ServerOrigin } from '../../server/features/documents/collab/room';

/** A connection whose socket records what it is sent. */
function recorder(room: Room) {
  const sent: Uint8Array[] = [];
  const ws = { readyState: 1, OPEN: 1, CLOSING: 2, CLOSED: 3, bufferedAmount: 0, send: (m: Uint8Array) => sent.push(m), close: () => undefined };
  const conn = new Connection(ws as never, { id: 'u', name: 'U' } as never, '', false, room, 1 << 20);
  room.connections.add(conn);
  return { conn, sent };
}

const typed = (text: string) => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
};
const textOf = (...messages: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const m of messages) {
    const decoded = decodeMessage(m);
    if (decoded.type === 'update') Y.applyUpdate(doc, decoded.update);
  }
  return doc.getText('t').toString();
};

describe('broadcast', () => {
  const room = new Room('d', 'g', new Y.Doc(), 0, 0, 0, { changed: () => undefined, awareness: () => undefined, unsettled: () => undefined });
  const [alice, bruno, chloe, denis] = [recorder(room), recorder(room), recorder(room), recorder(room)];

  it('sends what arrived together as one merged message, the same bytes to every reader, nothing back to its writer', () => {
    broadcastBatch(room, [{ update: typed('a'), origin: alice.conn }, { update: typed('b'), origin: alice.conn }]);
    expect(alice.sent).toHaveLength(0);
    expect(bruno.sent).toHaveLength(1);
    expect(chloe.sent[0]).toBe(bruno.sent[0]);
    expect(textOf(...bruno.sent)).toHaveLength(2);
  });

  it('gives each of several writers in one batch only the others’ part', () => {
    for (const r of [alice, bruno, chloe, denis]) r.sent.length = 0;
    broadcastBatch(room, [{ update: typed('A'), origin: alice.conn }, { update: typed('B'), origin: bruno.conn }, { update: typed('S'), origin: new ServerOrigin(null) }]);
    expect(textOf(...alice.sent).split('').sort()).toEqual(['B', 'S']);
    expect(textOf(...bruno.sent).split('').sort()).toEqual(['A', 'S']);
    expect(chloe.sent).toHaveLength(1);
    expect(denis.sent[0]).toBe(chloe.sent[0]);
    expect(textOf(...chloe.sent).split('').sort()).toEqual(['A', 'B', 'S']);
  });

  it('sends held replies only to connections still there', () => {
    for (const r of [alice, bruno, chloe, denis]) r.sent.length = 0;
    room.outbox.push([alice.conn, new Uint8Array([3])], [denis.conn, new Uint8Array([3])]);
    room.connections.delete(denis.conn);
    sendOutbox(room);
    expect(alice.sent).toHaveLength(1);
    expect(denis.sent).toHaveLength(0);
    expect(room.outbox).toHaveLength(0);
  });
});
