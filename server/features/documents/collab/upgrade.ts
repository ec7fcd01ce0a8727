import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as Y from 'yjs';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CollabSettings } from '../../../../shared/limits';
import { authenticate, type Refusal } from './authenticate';
import { authorise } from './authorise';
import { encodeAllAwareness, releaseAwareness } from './awareness';
import { Connection } from './connection';
import { handleFrame, type FrameContext } from './messages';
import { CLOSE, encodeAwareness, encodeSyncStep1 } from './protocol';
import type { Rooms } from './rooms';

const DOCUMENT_PATH = /^\/collab\/([A-Za-z0-9_-]{1,64})\/?$/;
const STATUS_TEXT: Record<Refusal['status'], string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable',
};

/** Refuses before the WebSocket handshake: a plain HTTP error on the raw socket. */
function refuse(socket: Duplex, { status, message }: Refusal): void {
  const body = JSON.stringify({ statusCode: status, message });
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n`
    + `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/**
 * The upgrade: authenticate → authorise → (connection limit) → handshake → load → serve.
 * Nothing is loaded for someone who may not read the document.
 */
export function createUpgradeHandler(
  app: FastifyInstance, rooms: Rooms, settings: CollabSettings, state: { closing: boolean }, frames: FrameContext,
) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: settings.maxMessageBytes, perMessageDeflate: false });

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    if (state.closing) return refuse(socket, { ok: false, status: 503, message: 'Le serveur redémarre.' });
    const match = DOCUMENT_PATH.exec((req.url ?? '').split('?')[0]);
    if (!match) return refuse(socket, { ok: false, status: 404, message: 'Document introuvable.' });
    const documentId = match[1];
    const authenticated = authenticate(app, req);
    if (!authenticated.ok) return refuse(socket, authenticated);
    const authorised = authorise(app.db, authenticated.user, documentId);
    if (!authorised.ok) return refuse(socket, authorised);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const loaded = rooms.get(documentId);
      if (loaded && loaded.connections.size >= settings.maxConnectionsPerDocument) {
        ws.close(CLOSE.tryAgainLater, 'Trop de personnes sont connectées à ce document.');
        return;
      }
      // The document may be loading (in a worker): the client's first frames wait for it.
      const early: Buffer[] = [];
      const hold = (data: Buffer, isBinary: boolean) => {
        if (!isBinary) return ws.close(CLOSE.unsupportedData, 'Seuls les messages binaires y-websocket sont acceptés.');
        if (early.length < 16) early.push(data);
        else ws.close(CLOSE.tryAgainLater, 'Document en cours de chargement : reconnexion…');
      };
      ws.on('message', hold);
      ws.on('error', () => undefined);
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      rooms.acquire(documentId).then((room) => {
        ws.off('message', hold);
        if (ws.readyState !== ws.OPEN) return rooms.scheduleUnload(room);
        const conn = new Connection(ws, authenticated.user, authenticated.sessionId, !authorised.canWrite, room, settings.maxBufferedBytes);
        serve(conn, ws, early);
      }, (err) => {
        // A load cut short by a restart is not a broken document: the client reconnects elsewhere.
        if (state.closing) return ws.close(CLOSE.shuttingDown, 'Le serveur redémarre.');
        app.log.error({ err, documentId }, 'collab: document could not be loaded');
        ws.close(CLOSE.serverError, 'Le document ne peut pas être chargé.');
      });
    });
  }

  // Half-open TCP connections (a laptop closed mid-session) would otherwise keep rooms loaded forever.
  const alive = new WeakSet<WebSocket>();
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, settings.pingIntervalMs);
  heartbeat.unref();
  wss.on('close', () => clearInterval(heartbeat));

  function serve(conn: Connection, ws: WebSocket, early: Buffer[]): void {
    const room = conn.room;
    room.connections.add(conn);
    const release = app.sessions.track(conn.sessionId);
    const onFrame = (data: Buffer, isBinary: boolean) => {
      // Once a connection is closing (session ended, access withdrawn) nothing it still sends is applied.
      if (!conn.open) return;
      if (!isBinary) return conn.close(CLOSE.unsupportedData, 'Seuls les messages binaires y-websocket sont acceptés.');
      try {
        handleFrame(conn, data, frames, app.log);
      } catch (err) {
        app.log.error({ err, documentId: room.id }, 'collab: message handling failed');
        conn.close(CLOSE.serverError, 'Erreur du serveur.');
      }
    };
    ws.on('message', onFrame);
    // ws closes an oversized frame itself (1009); the error must be handled or Node would throw.
    ws.on('error', (err) => app.log.info({ err: err.message, documentId: room.id }, 'collab: connection error'));
    ws.on('close', () => {
      release();
      room.connections.delete(conn);
      if (room.closed) return;
      releaseAwareness(room, conn);
      rooms.scheduleUnload(room);
    });
    conn.send(encodeSyncStep1(Y.encodeStateVector(room.doc)));
    const states = encodeAllAwareness(room);
    if (states) conn.send(encodeAwareness(states));
    for (const frame of early) onFrame(frame, true);
  }

  return { handleUpgrade, wss };
}
