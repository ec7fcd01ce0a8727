import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import type { SessionUser } from '../../../../shared/auth.schema';
import type { Connection } from './connection';
import { MalformedMessage } from './protocol';
import type { Room } from './room';

// Dark enough for white caret labels (contrast ≥ 4.5:1), distinct from each other.
const PALETTE = ['#b03a2e', '#1f618d', '#117a65', '#7d3c98', '#9a5b00', '#2e4053', '#a93263', '#1e6b3a', '#5b2c6f', '#7b4a12', '#21618c', '#8e2b2b'];

export interface Identity { id: string; name: string; color: string }

/** The same colour for a person in every document and session. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

export const identityOf = (user: SessionUser): Identity => ({ id: user.id, name: user.name, color: colorFor(user.id) });

/**
 * Awareness beside the pipeline: each state's `user` field is replaced by the identity the
 * server knows, and a connection may only speak for client ids nobody else holds, so nobody
 * appears under another's name nor removes another's caret.
 */
export function receiveAwareness(room: Room, conn: Connection, update: Uint8Array, limits: { maxClients: number; maxStateBytes: number }): void {
  const entries: Array<{ clientId: number; clock: number; state: Record<string, unknown> | null }> = [];
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      // Every state is sent to everyone: a huge one would be amplified N times.
      if (json.length > limits.maxStateBytes) throw new Error('state too large');
      const state = JSON.parse(json) as unknown;
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new Error('state');
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
    }
  } catch {
    throw new MalformedMessage('awareness illisible');
  }
  const identity = identityOf(conn.user);
  const encoder = encoding.createEncoder();
  const accepted = entries.filter(({ clientId, state }) => {
    const owner = room.awarenessOwners.get(clientId);
    if (owner && owner !== conn) return false;
    if (!owner) {
      if (state === null || conn.awarenessClients.size >= limits.maxClients) return false;
      room.awarenessOwners.set(clientId, conn);
      conn.awarenessClients.add(clientId);
    }
    return true;
  });
  if (accepted.length === 0) return;
  encoding.writeVarUint(encoder, accepted.length);
  for (const { clientId, clock, state } of accepted) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state === null ? null : { ...state, user: identity }));
  }
  applyAwarenessUpdate(room.awareness, encoding.toUint8Array(encoder), conn);
}

/** Every known state, for a client that joins or asks. Null when nobody is there. */
export function encodeAllAwareness(room: Room): Uint8Array | null {
  const clients = [...room.awareness.getStates().keys()];
  return clients.length ? encodeAwarenessUpdate(room.awareness, clients) : null;
}

/** The connection left: its carets disappear for everyone. */
export function releaseAwareness(room: Room, conn: Connection): void {
  const clients = [...conn.awarenessClients];
  for (const clientId of clients) room.awarenessOwners.delete(clientId);
  conn.awarenessClients.clear();
  if (clients.length) removeAwarenessStates(room.awareness, clients, conn);
}

