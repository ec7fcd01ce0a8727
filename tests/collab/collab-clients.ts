import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import type { FastifyInstance } from 'fastify';
import { documents } from '../../db/schema/index';
import { signIn } from '../helpers/http';
import type { TestUser } from '../helpers/factories';

/** A `ws` WebSocket that sends the person's cookie (and an Origin, when given), as a browser would. */
export function socketClass(cookie: string, origin?: string): typeof WebSocket {
  return class CookieWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie, ...(origin ? { origin } : {}) } });
    }
  } as unknown as typeof WebSocket;
}

export interface CollabClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The text of the `default` fragment (Tiptap's), as plain text. */
  text(): string;
  type(chars: string): void;
  closes: Array<{ code: number; reason: string }>;
  destroy(): void;
}

/** A stock y-websocket client, as the editor uses it (no BroadcastChannel: each client is its own "tab"). */
export function connect(baseUrl: string, documentId: string, cookie: string, options: { origin?: string; maxBackoffTime?: number } = {}): CollabClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, documentId, doc, {
    WebSocketPolyfill: socketClass(cookie, options.origin) as never,
    disableBc: true,
    maxBackoffTime: options.maxBackoffTime ?? 200,
  });
  const closes: CollabClient['closes'] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  const fragment = doc.getXmlFragment('default');
  return {
    doc,
    provider,
    closes,
    text: () => fragment.toArray().map((node) => (node instanceof Y.XmlElement ? node.toArray().map((t) => t.toString()).join('') : '')).join('\n'),
    type(chars) {
      doc.transact(() => {
        let paragraph = fragment.get(fragment.length - 1) as Y.XmlElement | undefined;
        if (!paragraph) {
          paragraph = new Y.XmlElement('paragraph');
          paragraph.insert(0, [new Y.XmlText()]);
          fragment.insert(0, [paragraph]);
        }
        const text = paragraph.get(0) as Y.XmlText;
        text.insert(text.length, chars);
      });
    },
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls until `check` holds (no fixed sleeps: fast when the server is fast). */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const synced = (client: CollabClient) => waitFor(() => client.provider.synced, 'sync');

export function createDocument(app: FastifyInstance, groupId: string, createdBy: string, values: Partial<typeof documents.$inferInsert> = {}) {
  return app.db.insert(documents).values({ groupId, title: 'Programme lombalgie', kind: 'blank', createdBy, ...values }).returning().get();
}

export async function cookieOf(url: string, user: TestUser): Promise<string> {
  return (await signIn(url, user)).cookie;
}

/** Opens a raw WebSocket and tells how the upgrade was answered: 101, or the HTTP status. */
export function upgradeStatus(baseUrl: string, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}`, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.on('error', (err) => reject(err));
  });
}

let barriers = 0;
/**
 * Frames of one connection are handled in order: once an awareness change sent after them has
 * reached another client, the server has handled them (a barrier, instead of a sleep).
 */
export async function barrier(from: CollabClient, seenBy: CollabClient): Promise<void> {
  from.provider.awareness.setLocalStateField('barrier', ++barriers);
  const clock = from.provider.awareness.meta.get(from.doc.clientID)!.clock;
  await waitFor(() => seenBy.provider.awareness.meta.get(from.doc.clientID)?.clock === clock, 'barrier');
}
