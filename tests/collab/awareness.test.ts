import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import { colorFor, receiveAwareness, releaseAwareness } from '../../server/features/documents/collab/awareness';
import { Room } from '../../server/features/documents/collab/room';
import type { Connection } from '../../server/features/documents/collab/connection';
import { MalformedMessage } from '../../server/features/documents/collab/protocol';

const limits = { maxClients: 8, maxStateBytes: 1024 };

const person = (id: string, name: string) => ({
  user: { id, name, email: `${id}@example.org`, role: 'member', organisationId: 'o', organisationName: 'O', locale: 'fr' },
  awarenessClients: new Set<number>(),
}) as unknown as Connection;

const roomWithEvents = () => {
  const changed: number[][] = [];
  const room = new Room('d', 'g', new Y.Doc(), 0, 0, 0, { changed: () => undefined, awareness: (_r, clients) => changed.push(clients), unsettled: () => undefined });
  return { room, changed };
};

/** What a stock client sends: its own awareness, with whatever `user` it claims. */
const claim = (clientID: number, state: Record<string, unknown> | null) => {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const awareness = new Awareness(doc);
  awareness.setLocalState(state);
  const update = encodeAwarenessUpdate(awareness, [clientID]);
  awareness.destroy();
  return update;
};

describe('awareness carries the identity the server knows', () => {
  it('replaces the claimed user with the session’s identity and keeps the rest (cursor)', () => {
    const { room, changed } = roomWithEvents();
    const alice = person('u-alice', 'Alice Martin');
    receiveAwareness(room, alice, claim(11, { user: { name: 'Directeur ARS', color: '#000' }, cursor: { anchor: 3 } }), limits);
    expect(room.awareness.getStates().get(11)).toEqual({ user: { id: 'u-alice', name: 'Alice Martin', color: colorFor('u-alice') }, cursor: { anchor: 3 } });
    expect(changed).toEqual([[11]]);
    room.destroy();
  });

  it('does not let one connection set or clear another’s client id', () => {
    const { room } = roomWithEvents();
    const alice = person('u-alice', 'Alice Martin');
    const mallory = person('u-mallory', 'Mallory');
    receiveAwareness(room, alice, claim(11, { cursor: 1 }), limits);
    receiveAwareness(room, mallory, claim(11, { cursor: 99 }), limits);
    receiveAwareness(room, mallory, claim(11, null), limits);
    expect(room.awareness.getStates().get(11)).toMatchObject({ cursor: 1, user: { name: 'Alice Martin' } });
    releaseAwareness(room, alice);
    expect(room.awareness.getStates().has(11)).toBe(false);
    room.destroy();
  });

  it('limits the client ids one connection speaks for, and refuses unreadable or oversized states', () => {
    const { room } = roomWithEvents();
    const alice = person('u-alice', 'Alice Martin');
    for (let id = 1; id <= 5; id++) receiveAwareness(room, alice, claim(id, { n: id }), { ...limits, maxClients: 2 });
    expect([...room.awareness.getStates().keys()]).toEqual([1, 2]);
    expect(() => receiveAwareness(room, alice, new Uint8Array([1, 1, 1, 3, 0x7b, 0x7b, 0x7b]), limits)).toThrow(MalformedMessage);
    expect(() => receiveAwareness(room, alice, claim(1, { selection: 'x'.repeat(2000) }), limits)).toThrow(MalformedMessage);
    room.destroy();
  });

  it('gives each person one stable colour', () => {
    expect(colorFor('u-alice')).toBe(colorFor('u-alice'));
    expect(colorFor('u-alice')).toMatch(/^#[0-9a-f]{6}$/);
  });
});
