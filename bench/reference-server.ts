import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { WebSocketServer, type WebSocket } from 'ws';
import { answerMemoryProbes } from './probe';
import { seedFromEnv } from './seed-documents';

/**
 * The reference y-websocket server, written the y-websocket v1 `bin/utils.js` way: one Y.Doc
 * per room in memory, each update broadcast to every connection as it is applied, nothing
 * written anywhere. The baseline our endpoint must match while also writing every update.
 */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

class SharedDoc extends Y.Doc {
  conns = new Map<WebSocket, Set<number>>();
  awareness = new awarenessProtocol.Awareness(this);
  constructor() {
    super({ gc: true });
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: Record<string, number[]>, conn: WebSocket | null) => {
      const changed = [...added, ...updated, ...removed];
      if (conn) {
        const controlled = this.conns.get(conn);
        for (const id of added) controlled?.add(id);
        for (const id of removed) controlled?.delete(id);
      }
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
      const message = encoding.toUint8Array(encoder);
      for (const c of this.conns.keys()) send(this, c, message);
    });
    this.on('update', (update: Uint8Array) => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      const message = encoding.toUint8Array(encoder);
      for (const c of this.conns.keys()) send(this, c, message);
    });
  }
}

const docs = new Map<string, SharedDoc>();
// Memory only: the bench's seeded documents (BENCH_SEED_FILE) are held as bytes until first opened.
const seed = seedFromEnv();
const seeded = Array.from({ length: seed?.count ?? 0 }, (_, i) => `programme-${i}`);
const seededNames = new Set(seeded);

function send(doc: SharedDoc, conn: WebSocket, message: Uint8Array): void {
  if (conn.readyState !== conn.OPEN) return closeConn(doc, conn);
  conn.send(message, (err) => { if (err) closeConn(doc, conn); });
}

function closeConn(doc: SharedDoc, conn: WebSocket): void {
  const controlled = doc.conns.get(conn);
  if (!controlled) return;
  doc.conns.delete(conn);
  awarenessProtocol.removeAwarenessStates(doc.awareness, [...controlled], null);
  conn.close();
}

function setupConnection(conn: WebSocket, docName: string): void {
  let doc = docs.get(docName);
  if (!doc) {
    docs.set(docName, (doc = new SharedDoc()));
    // The stock provider asks for /collab/<name>: the name is the last segment.
    if (seed && seededNames.has(docName.slice(docName.lastIndexOf('/') + 1))) Y.applyUpdate(doc, seed.state);
  }
  const shared = doc;
  shared.conns.set(conn, new Set());
  conn.on('message', (data: Buffer) => {
    const encoder = encoding.createEncoder();
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.readSyncMessage(decoder, encoder, shared, conn);
      if (encoding.length(encoder) > 1) send(shared, conn, encoding.toUint8Array(encoder));
    } else if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(shared.awareness, decoding.readVarUint8Array(decoder), conn);
    }
  });
  conn.on('close', () => closeConn(shared, conn));
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, shared);
  send(shared, conn, encoding.toUint8Array(encoder));
}

const server = createServer((_req, res) => res.end('reference'));
const wss = new WebSocketServer({ server });
wss.on('connection', (conn, req) => setupConnection(conn, (req.url ?? '/').slice(1).split('?')[0]));
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}`, documentId: 'bench', cookie: '', seeded }));
  answerMemoryProbes();
});
