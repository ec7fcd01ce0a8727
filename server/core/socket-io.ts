import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Server, type Socket } from 'socket.io';
import type { SessionUser } from '../../shared/auth.schema';
import { isOriginAllowed } from './origin';

export interface SocketData {
  user: SessionUser;
  /** The session the connection was opened with: when it ends, the connection is cut. */
  sessionId: string;
}
export type AppSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;

declare module 'fastify' {
  interface FastifyInstance {
    io: Server;
  }
}

/** Room of everything addressed to one person (notifications, access changes). */
export const userRoom = (userId: string) => `user:${userId}`;
/** Room of the connections opened with one session (never addressed to clients). */
const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * Socket.IO on the same HTTP server, authenticated by the session cookie. Features add their
 * handlers with `app.io.on('connection', …)` and join rooms only after asking their policy.
 */
export default fp(async function socketIo(app: FastifyInstance) {
  const io = new Server(app.server, {
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
  app.decorate('io', io);
  app.addHook('preClose', async () => {
    io.disconnectSockets(true);
  });
  app.addHook('onClose', async () => {
    await new Promise<void>((resolve) => io.close(() => resolve()));
  });
});
