import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { COLLAB } from '../../../../shared/limits';
import type { Connection } from './connection';
import { countStructs } from './document-check';
import { encodeSyncStep2, encodeUpdate } from './protocol';
import { ServedBudget, encodeServedState, type ServedState } from './served-state';

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

/** The origin of an update applied after its broadcast: already pending, not to be written twice. */
const SETTLING = Symbol('settling');

export interface RoomEvents {
  /** A change was applied to the document in memory: it must be persisted, then broadcast. */
  changed(room: Room, update: Uint8Array, origin: Origin): void;
  /** Awareness states changed (client ids): they are sent with the next batch. */
  awareness(room: Room, clients: number[]): void;
  /**
   * An accepted update, already written and sent, could not be applied here: memory is behind the
   * database and the room must be dropped, to be loaded again from what was written.
   */
  unsettled(room: Room, err: Error): void;
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
  /** The whole state for the clients that arrive empty (served-state.ts). */
  private served: ServedState | null = null;
  /** Set when persisting failed or the room was unloaded: it must not be used any more. */
  closed = false;
  /**
   * Checked updates written and sent before they are applied here (`accept`): applying takes as
   * long as the checks, and nobody waits for it. Whoever reads `doc` gets them applied first.
   */
  private unapplied: Uint8Array[] = [];

  constructor(
    readonly id: string,
    readonly groupId: string,
    private readonly ydoc: Y.Doc,
    public lastUpdateId: number,
    public bytes: number,
    logCount: number,
    private readonly events: RoomEvents,
    private readonly budget = new ServedBudget(Infinity),
    /** Below this stored size the whole state is encoded on the event loop (COLLAB.encodeInPlaceBytes). */
    private readonly inPlaceBytes: number = COLLAB.encodeInPlaceBytes,
  ) {
    this.logCount = logCount;
    this.logBytes = 0;
    ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      this.servedIsBehind();
      if (origin === SETTLING) return;
      if (origin instanceof ServerOrigin) origin.changed = true;
      events.changed(this, update, origin as Origin);
    });
    this.awareness = new Awareness(ydoc);
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>) => {
      events.awareness(this, [...added, ...updated, ...removed]);
    });
  }

  /** The document with every accepted update applied; throws when one could not be (`unsettled`). */
  get doc(): Y.Doc {
    if (this.unapplied.length > 0 && !this.settle()) throw new Error(`document ${this.id}: accepted updates could not be applied`);
    return this.ydoc;
  }

  /**
   * A checked update that continues the document exactly (schema-guard's `continues`): it is
   * pending like an applied one, but applied only after its commit and broadcast (or at the first
   * read of `doc` before then). It changes nothing else: Yjs integrates such an update whole, and
   * what is stored and sent are its bytes either way.
   */
  accept(update: Uint8Array, origin: Origin, items: number): void {
    this.unapplied.push(update);
    this.items += items;
    this.servedIsBehind();
    this.events.changed(this, update, origin);
  }

  // A small document is encoded again when needed; a large one keeps its frame and adds the difference.
  private servedIsBehind(): void {
    if (this.served && this.bytes < this.inPlaceBytes) this.keepServed(null);
    else if (this.served) this.served.exact = false;
  }

  /**
   * Applies the accepted updates (after their broadcast, or before anyone reads the document).
   * False when Yjs refused one: the room reports it (`unsettled`) rather than go on with a
   * document that differs from what was written and sent.
   */
  settle(): boolean {
    const updates = this.unapplied;
    if (updates.length === 0 || this.closed) return true;
    this.unapplied = [];
    try {
      this.ydoc.transact(() => {
        for (const update of updates) Y.applyUpdate(this.ydoc, update, SETTLING);
      }, SETTLING);
    } catch (err) {
      this.events.unsettled(this, err instanceof Error ? err : new Error(String(err)));
      return false;
    }
    this.items = countStructs(this.ydoc);
    return true;
  }

  /** Keeps (or forgets, with null) the frame served to empty clients, within the shared budget. */
  keepServed(state: ServedState | null): void {
    if (this.served) this.budget.used -= this.served.frame.byteLength;
    this.served = null;
    if (!state || this.closed || this.budget.used + state.frame.byteLength > this.budget.maxBytes) return;
    this.budget.used += state.frame.byteLength;
    this.served = state;
  }

  /**
   * The messages that answer a client's sync step 1: what it lacks (sync step 2, and for a kept
   * frame followed by changes, one update after it). Null for an empty client of a large document
   * without a usable frame: encoding it here would stall every other document; it is read from
   * storage in the worker (messages.ts).
   */
  syncReplies(stateVector: Uint8Array): Uint8Array[] | null {
    // An empty state vector is the single byte 0: a new client, the common case when many join.
    const empty = stateVector.byteLength === 1 && stateVector[0] === 0;
    if (!empty) return [encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector))];
    const served = this.served;
    if (served?.exact) return [served.frame];
    if (this.bytes < this.inPlaceBytes) {
      const state = encodeServedState(this.doc, this.bytes);
      this.keepServed(state);
      return [state.frame];
    }
    // Past a bound of changes since the frame, encoding them per newcomer would cost as much as the whole.
    if (served && this.bytes - served.bytesAtBase < this.inPlaceBytes) return [served.frame, encodeUpdate(Y.encodeStateAsUpdate(this.doc, served.vector))];
    return null;
  }

  destroy(): void {
    this.keepServed(null);
    this.closed = true;
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    // What was accepted but not applied was not written either (a failed commit): it is dropped.
    this.unapplied = [];
    this.awareness.destroy();
    this.ydoc.destroy();
  }
}
