import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import type { SessionUser } from '../../shared/auth.schema';
import type { ClientEventDef, LiveAck } from '../../shared/live.contract';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/live';
import { isOriginAllowed } from './origin';

export interface SocketData {
  user: SessionUser;
  /** The session the connection was opened with: when it ends, the connection is cut. */
  sessionId: string;
}
/** Typed by the live events every feature declares in `shared/<feature>.live.ts`. */
export type AppServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

declare module 'fastify' {
  interface FastifyInstance {
    io: AppServer;
  }
}

const FAILED: LiveAck = { ok: false, error: 'Le serveur n’a pas pu traiter ce message. Réessayez dans un instant.' };
const loggers = new WeakMap<object, FastifyInstance['log']>();

/**
 * The one way a feature listens to a client → server event: the payload is parsed with its shared
 * schema (refused with the declaration's French sentence in the ack), the handler gets typed data
 * and a `reply` that is a no-op when the client asked for no ack, and a handler's failure is
 * logged and answered, never thrown into Socket.IO (which would drop the connection's listener).
 */
export function onLive<D extends ClientEventDef>(
  socket: AppSocket,
  def: D,
  handler: (payload: z.output<D['payload']>, reply: (r: LiveAck) => void) => void | Promise<void>,
): void {
  const listener = (payload: unknown, ack?: unknown) => {
    const reply = (r: LiveAck) => { if (typeof ack === 'function') ack(r); };
    const parsed = def.payload.safeParse(payload);
    if (!parsed.success) return reply({ ok: false, error: def.invalid });
    const failed = (err: unknown) => {
      loggers.get(socket.nsp.server)?.error({ err, event: def.name }, 'live event handler failed');
      reply(FAILED);
    };
    try {
      // Called in this tick: a policy check and the room join it allows see the same database state.
      const done = handler(parsed.data as z.output<D['payload']>, reply);
      if (done) done.catch(failed);
    } catch (err) {
      failed(err);
    }
  };
  // The event maps type what clients send; what arrives is still `unknown` until parsed above.
  (socket as unknown as Socket).on(def.name, listener);
}

/** Room of everything addressed to one person (notifications, access changes). */
export const userRoom = (userId: string) => `user:${userId}`;
/**
 * This process's sockets in any of these rooms, each once, read synchronously from the in-memory
 * adapter: a re-check that runs right after a change sees exactly who could still receive events.
 */
export function socketsIn(io: AppServer, rooms: Iterable<string>): AppSocket[] {
  const nsp = io.of('/');
  const ids = new Set<string>();
  for (const room of rooms) for (const id of nsp.adapter.rooms.get(room) ?? []) ids.add(id);
  return [...ids].map((id) => nsp.sockets.get(id)).filter((s): s is AppSocket => !!s);
}

/** Room of the connections opened with one session (never addressed to clients). */
const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * Socket.IO on the same HTTP server, authenticated by the session cookie. Features add their
 * handlers with `app.io.on('connection', …)` and join rooms only after asking their policy.
 */
export default fp(async function socketIo(app: FastifyInstance) {
  const io: AppServer = new Server(app.server, {
    serveClient: false,
    destroyUpgrade: false,
    maxHttpBufferSize: 100_000,
    allowRequest: (req, callback) => callback(null, isOriginAllowed(req, app.config)),
  });
  io.use((socket, next) => {
    const resolved = app.sessions.resolveCookieHeader(socket.request.headers.cookie);
    if (!resolved) return next(new Error('unauthorized'));
    socket.data.user = resolved.user;
    socket.data.sessionId = resolved.sessionId;
    next();
  });
  io.on('connection', (socket) => {
    const data = socket.data as SocketData;
    void socket.join([userRoom(data.user.id), sessionRoom(data.sessionId)]);
    socket.on('disconnect', app.sessions.track(data.sessionId));
  });
  // Sign-out, expiry, a disabled account: the connection ends, so no handler of it runs again.
  app.bus.on('session.ended', ({ sessionIds }) => io.in(sessionIds.map(sessionRoom)).disconnectSockets(true));
  loggers.set(io, app.log);
  app.decorate('io', io);
  app.addHook('preClose', async () => {
    io.disconnectSockets(true);
  });
  app.addHook('onClose', async () => {
    await new Promise<void>((resolve) => io.close(() => resolve()));
  });
});
