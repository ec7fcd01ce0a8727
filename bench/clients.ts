import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';

export interface Target { url: string; documentId: string; cookie: string }

/** One person's editor as the bench sees it: a Y.Doc kept in sync by some provider. */
export interface BenchClient { doc: Y.Doc; synced: () => boolean; destroy: () => void }

export type ConnectClient = (target: Target) => BenchClient;

const socketWithCookie = (cookie: string) => class extends WebSocket {
  constructor(url: string, protocols?: string | string[]) {
    super(url, protocols, { headers: cookie ? { cookie } : {} });
  }
};

/** The stock y-websocket provider, as Maillage's editor and any y-websocket app use it. */
export const yWebsocketClient: ConnectClient = (target) => {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${target.url.replace('http', 'ws')}/collab`, target.documentId, doc, {
    WebSocketPolyfill: socketWithCookie(target.cookie) as never, disableBc: true,
  });
  return { doc, synced: () => provider.synced, destroy: () => provider.destroy() };
};

/**
 * Hocuspocus 3 prefixes every message with the document name and waits for an auth message
 * before syncing, so the stock provider connects but never syncs: its own provider it is,
 * one socket per client like the stock one.
 */
export const hocuspocusClient: ConnectClient = (target) => {
  const doc = new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: target.url.replace('http', 'ws'), WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: target.documentId, document: doc });
  // A provider given its socket waits to be attached (Hocuspocus 3 multiplexing).
  provider.attach();
  return {
    doc,
    synced: () => provider.isSynced,
    destroy: () => {
      provider.destroy();
      socket.destroy();
    },
  };
};

/** The providers by name: a reader process (readers.ts) is told which one to connect with. */
export const CLIENT_KINDS = { 'y-websocket': yWebsocketClient, hocuspocus: hocuspocusClient } as const;
export type ClientKind = keyof typeof CLIENT_KINDS;
