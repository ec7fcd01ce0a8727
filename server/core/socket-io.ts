import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { Server, type Socket } from 'socket.io';
import type { SessionUser } from '../../shared/auth.schema';
import { isOriginAllowed } from './origin';

export interface SocketData {
  user: SessionUser;
}
export type AppSocket = Socket<Record<string, never>, Record<string, never>, Record<string, never>, SocketData>;

declare module 'fastify' {
  interface FastifyInstance {
    io: Server;
  }
}

/** Room of everything addressed to one person (notifications, access changes). */
export const userRoom = (userId: string) => `user:${userId}`;

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
    const user = app.sessions.resolveCookieHeader(socket.request.headers.cookie);
    if (!user) return next(new Error('unauthorized'));
    socket.data.user = user;
    next();
  });
  io.on('connection', (socket) => {
    void socket.join(userRoom((socket.data as SocketData).user.id));
  });
  app.decorate('io', io);
  app.addHook('preClose', async () => {
    io.disconnectSockets(true);
  });
  app.addHook('onClose', async () => {
    await new Promise<void>((resolve) => io.close(() => resolve()));
  });
});
