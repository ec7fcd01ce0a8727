import * as Y from 'yjs';
import { encodeAwarenessUpdate } from 'y-protocols/awareness';
import { Connection } from './connection';
import { encodeAwareness, encodeUpdate } from './protocol';
import type { BatchEntry, Room } from './room';

const merge = (entries: BatchEntry[]): Uint8Array =>
  entries.length === 1 ? entries[0].update : Y.mergeUpdates(entries.map((e) => e.update));

/**
 * Last step, after the commit: what arrived together goes out as one merged update, encoded
 * once and sent to everyone who did not write it. A writer in a batch with others gets only
 * the others' part (rare: several people within the same millisecond).
 */
export function broadcastBatch(room: Room, entries: BatchEntry[]): void {
  const senders = new Set<Connection>();
  for (const e of entries) if (e.origin instanceof Connection) senders.add(e.origin);
  const message = encodeUpdate(merge(entries));
  for (const conn of room.connections) if (!senders.has(conn)) conn.send(message);
  if (entries.length === 1) return;
  for (const sender of senders) {
    const others = entries.filter((e) => e.origin !== sender);
    if (others.length && room.connections.has(sender)) sender.send(encodeUpdate(merge(others)));
  }
}

/** Replies that waited for the commit (sync step 2 computed while writes were pending). */
export function sendOutbox(room: Room): void {
  const outbox = room.outbox;
  room.outbox = [];
  for (const [conn, message] of outbox) if (room.connections.has(conn)) conn.send(message);
}

/** Awareness changes of the turn, encoded once for everyone. */
export function sendAwareness(room: Room): void {
  if (room.awarenessChanged.size === 0) return;
  const message = encodeAwareness(encodeAwarenessUpdate(room.awareness, [...room.awarenessChanged]));
  room.awarenessChanged.clear();
  for (const conn of room.connections) conn.send(message);
}
