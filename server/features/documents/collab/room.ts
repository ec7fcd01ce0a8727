import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import type { Connection } from './connection';

/** Who made a change: a connection, or the server itself (templates, version restores). */
export class ServerOrigin {
  changed = false;
  readonly persisted: Promise<void>;
  resolve!: () => void;
  reject!: (err: Error) => void;
  constructor(readonly userId: string | null) {
    this.persisted = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }
}

export type Origin = Connection | ServerOrigin;
export interface BatchEntry { update: Uint8Array; origin: Origin }

export interface RoomEvents {
  /** A change was applied to the document in memory: it must be persisted, then broadcast. */
  changed(room: Room, update: Uint8Array, origin: Origin): void;
  /** Awareness states changed (client ids): they are sent with the next batch. */
  awareness(room: Room, clients: number[]): void;
}

/** A document loaded in memory with the people connected to it. */
export class Room {
  readonly connections = new Set<Connection>();
  readonly awareness: Awareness;
  /** Applied in memory, not yet written: sent to nobody until the batch is committed. */
  pending: BatchEntry[] = [];
  /** Replies computed while writes were pending; sent right after the commit. */
  outbox: Array<[Connection, Uint8Array]> = [];
  readonly awarenessChanged = new Set<number>();
  readonly awarenessOwners = new Map<number, Connection>();
  /** Log entries and bytes since the snapshot (compaction trigger). */
  logCount: number;
  logBytes: number;
  unloadTimer: NodeJS.Timeout | null = null;
  /** Structs the document holds in memory (its cost), kept after each applied update. */
  items = 0;
  /** The whole state, encoded once for every client that arrives empty, until the next change. */
  private fullState: Uint8Array | null = null;
  /** Set when persisting failed or the room was unloaded: it must not be used any more. */
  closed = false;

  constructor(
    readonly id: string,
    readonly groupId: string,
    readonly doc: Y.Doc,
    public lastUpdateId: number,
    public bytes: number,
    logCount: number,
    events: RoomEvents,
  ) {
    this.logCount = logCount;
    this.logBytes = 0;
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      this.fullState = null;
      if (origin instanceof ServerOrigin) origin.changed = true;
      events.changed(this, update, origin as Origin);
    });
    this.awareness = new Awareness(doc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>) => {
      events.awareness(this, [...added, ...updated, ...removed]);
    });
  }

  /** Whether the whole state is encoded already (an empty client costs nothing more). */
  hasFullState(): boolean {
    return this.fullState !== null;
  }

  /** What a client with this state vector lacks (sync step 2). */
  stateSince(stateVector: Uint8Array): Uint8Array {
    // An empty state vector is the single byte 0: a new client, the common case when many join.
    if (stateVector.byteLength === 1 && stateVector[0] === 0) return (this.fullState ??= Y.encodeStateAsUpdate(this.doc));
    return Y.encodeStateAsUpdate(this.doc, stateVector);
  }

  destroy(): void {
    this.closed = true;
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
