import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface UpgradeRouter {
  /** Routes WebSocket upgrades whose path starts with `prefix` to `handler`. */
  add(prefix: string, handler: UpgradeHandler): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    upgrades: UpgradeRouter;
  }
}

/**
 * One HTTP server, upgrades routed by path. Socket.IO handles its own path (registered with
 * destroyUpgrade: false); every other path must be claimed here or is refused.
 */
export default fp(async function upgradeRouting(app: FastifyInstance) {
  const routes: Array<[string, UpgradeHandler]> = [];
  app.decorate('upgrades', { add: (prefix: string, handler: UpgradeHandler) => void routes.push([prefix, handler]) });
  app.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (req.url ?? '').split('?')[0];
    if (path.startsWith('/socket.io/')) return;
    const route = routes.find(([prefix]) => path.startsWith(prefix));
    if (route) return route[1](req, socket, head);
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
  });
});
