import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { pagePreloader } from './page-preload';

/** How long a browser keeps each kind of file of the built client. */
export const STATIC_CACHE_CONTROL = {
  /** /assets/* are named after a hash of their content: a new build gives new names. */
  hashed: 'public, max-age=31536000, immutable',
  /** index.html names the current assets: always asked again (a 304 when unchanged). */
  page: 'no-cache',
  other: 'public, max-age=3600',
} as const;

/**
 * Serves the built Vue client, and its index.html for every page address so that links to
 * /groupes/…, /agenda/… open the right view. /api and upgrade paths never fall back to it.
 * The build writes a .br and a .gz beside each text file (vite.config.ts): they are sent to
 * browsers that accept them, so nothing is compressed per request.
 */
export default fp(async function staticClient(app: FastifyInstance) {
  const dir = app.config.clientDir;
  const notFound = (path: string) => ({ statusCode: 404, code: 'not_found', message: `Aucune ressource à l'adresse ${path}.` });
  if (!dir || !existsSync(join(dir, 'index.html'))) {
    if (dir) app.log.warn({ dir }, 'no built client found: run `npm run build`');
    app.setNotFoundHandler((request, reply) => void reply.status(404).send(notFound(request.url.split('?')[0])));
    return;
  }
  const cacheControlOf = (file: string) => {
    const path = relative(dir, file).split(sep);
    if (path[0] === 'assets') return STATIC_CACHE_CONTROL.hashed;
    return path[0].startsWith('index.html') ? STATIC_CACHE_CONTROL.page : STATIC_CACHE_CONTROL.other;
  };
  await app.register(fastifyStatic, {
    root: dir, wildcard: false, index: false, preCompressed: true, cacheControl: false,
    setHeaders: (reply, file) => void reply.header('cache-control', cacheControlOf(file)),
  });
  const pageFor = pagePreloader(dir);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    // A file's extension starts with a letter (.js, .woff2, .ics); a page may end in a number with a
    // dot, like the pooling guide's options (/mutualisation/2.2), and is still a page.
    const isPage = request.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/collab/') && !path.startsWith('/socket.io/') && !/\.[a-z][a-z0-9]*$/i.test(path);
    if (!isPage) return reply.status(404).send(notFound(path));
    // A public page names its view and data up front (page-preload.ts); the others get index.html.
    const page = pageFor(path, request.url.includes('?'));
    if (!page) return reply.sendFile('index.html');
    reply.header('cache-control', STATIC_CACHE_CONTROL.page).header('etag', page.etag);
    if (request.headers['if-none-match'] === page.etag) return reply.status(304).send();
    reply.type('text/html; charset=utf-8').header('vary', 'accept-encoding');
    // @fastify/compress leaves the not-found handler alone: a few KB, compressed here at a fast level.
    const accepted = String(request.headers['accept-encoding'] ?? '');
    if (/\bbr\b/.test(accepted)) return reply.header('content-encoding', 'br').send(brotliCompressSync(page.html, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }));
    if (/\bgzip\b/.test(accepted)) return reply.header('content-encoding', 'gzip').send(gzipSync(page.html));
    return reply.send(page.html);
  });
});
