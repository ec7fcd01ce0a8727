import { onBeforeUnmount, ref, shallowRef } from 'vue';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { serverHasMyChanges } from './saved-confirmation';

export type ConnectionState = 'connecting' | 'saved' | 'saving' | 'offline' | 'closed';
export interface Peer { clientId: number; name: string; color: string }

/**
 * Close codes of the collab endpoint after which reconnecting is pointless: session ended, no
 * access, deleted, document full (4413), a change refused by the document's schema (4422):
 * resending the same change would be refused again.
 */
export const SESSION_ENDED_CODE = 4401;
const FINAL_CLOSE_CODES = new Set([SESSION_ENDED_CODE, 4403, 4404, 4413, 4422]);
const CONFIRM_AFTER_MS = 700;
const RETRY_MS = 2000;

/**
 * One co-edited document in the browser: the Y.Doc, its copy in IndexedDB (edits made offline
 * survive a closed tab and merge on reconnect), and the y-websocket connection to /collab/<id>
 * authenticated by the session cookie. Exposes the connection and save state and who is here.
 */
export function useCollabDocument(documentId: string, userId: string) {
  const ydoc = new Y.Doc();
  // Per person too: on a shared computer, one person's unsent edits never leave under another's name.
  const local = new IndexeddbPersistence(`maillage-document-${userId}-${documentId}`, ydoc);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const provider = new WebsocketProvider(`${scheme}://${location.host}/collab`, documentId, ydoc, { maxBackoffTime: 5000 });

  const state = ref<ConnectionState>('connecting');
  const closedReason = ref('');
  const closedCode = ref(0);
  const peers = shallowRef<Peer[]>([]);
  let unsent = false;
  let unreachable = false;

  const refresh = () => {
    if (closedReason.value) state.value = 'closed';
    else if (!provider.wsconnected || unreachable) state.value = unsent || provider.synced ? 'offline' : 'connecting';
    else if (!provider.synced) state.value = 'connecting';
    else state.value = unsent ? 'saving' : 'saved';
  };

  // "Enregistré" only once the server's stored state covers my changes (see saved-confirmation.ts).
  let confirmTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleConfirm = (delay: number) => {
    clearTimeout(confirmTimer);
    confirmTimer = setTimeout(confirm, delay);
  };
  async function confirm() {
    if (!unsent || closedReason.value) return;
    if (!provider.wsconnected) return scheduleConfirm(RETRY_MS);
    try {
      const saved = await serverHasMyChanges(documentId, ydoc);
      unreachable = false;
      if (saved) unsent = false;
      else scheduleConfirm(RETRY_MS);
    } catch {
      unreachable = true;
      scheduleConfirm(RETRY_MS);
    }
    refresh();
  }

  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === provider || origin === local) return;
    unsent = true;
    refresh();
    scheduleConfirm(CONFIRM_AFTER_MS);
  };
  ydoc.on('update', onUpdate);

  provider.on('status', refresh);
  provider.on('sync', (synced) => {
    // Edits made offline are sent by the sync handshake: check them once it is done.
    if (synced && unsent) scheduleConfirm(CONFIRM_AFTER_MS);
    refresh();
  });
  provider.on('connection-close', (event) => {
    if (event && FINAL_CLOSE_CODES.has(event.code)) {
      closedReason.value = event.reason || String(event.code);
      closedCode.value = event.code;
      provider.disconnect();
    }
    refresh();
  });

  const updatePeers = () => {
    const list: Peer[] = [];
    provider.awareness.getStates().forEach((s, clientId) => {
      const user = (s as { user?: { name?: unknown; color?: unknown } }).user;
      if (clientId !== ydoc.clientID && user && typeof user.name === 'string') {
        list.push({ clientId, name: user.name, color: typeof user.color === 'string' ? user.color : '#2e4053' });
      }
    });
    peers.value = list;
  };
  provider.awareness.on('change', updatePeers);

  onBeforeUnmount(() => {
    clearTimeout(confirmTimer);
    ydoc.off('update', onUpdate);
    provider.destroy();
    void local.destroy();
    ydoc.destroy();
  });

  /** Forgets this browser's unsent copy (after a refusal) so that the page reloads what the server holds. */
  async function discardLocalCopy(): Promise<void> {
    provider.disconnect();
    await local.clearData();
  }

  return { ydoc, provider, state, peers, closedReason, closedCode, discardLocalCopy };
}
