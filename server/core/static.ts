import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built Vue client, and its index.html for every page address so that links to
 * /groupes/…, /agenda/… open the right view. /api and upgrade paths never fall back to it.
 */
export default fp(async function staticClient(app: FastifyInstance) {
  const dir = app.config.clientDir;
  const notFound = (path: string) => ({ statusCode: 404, code: 'not_found', message: `Aucune ressource à l'adresse ${path}.` });
  if (!dir || !existsSync(join(dir, 'index.html'))) {
    if (dir) app.log.warn({ dir }, 'no built client found: run `npm run build`');
    app.setNotFoundHandler((request, reply) => void reply.status(404).send(notFound(request.url.split('?')[0])));
    return;
  }
  await app.register(fastifyStatic, { root: dir, wildcard: false, index: false, maxAge: '1h', immutable: false });
  const html = (reply: import('fastify').FastifyReply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html', { maxAge: 0 });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const isPage = request.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/collab/') && !path.startsWith('/socket.io/') && !/\.[a-z0-9]+$/i.test(path);
    if (isPage) return html(reply);
    reply.status(404).send(notFound(path));
  });
});
