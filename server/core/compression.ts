import fp from 'fastify-plugin';
import compress from '@fastify/compress';
import { constants } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { PUBLIC_CACHE } from '../../shared/limits';

/**
 * Compresses dynamic replies (JSON, HTML, text) for clients that accept it. Registered before the
 * routes (it configures each route as it is added). Bodies already encoded are left alone: the
 * built client's precompressed files (static.ts) and public reads (public-cache.ts), compressed
 * once per version.
 */
export default fp(async function compression(app: FastifyInstance) {
  await app.register(compress, {
    threshold: PUBLIC_CACHE.compressFromBytes,
    encodings: ['br', 'gzip'],
    // Per request, so fast levels: brotli's default (11) costs more CPU than it saves on a LAN or 4G.
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
    // Request bodies are never inflated: a small compressed upload must not become a large one.
    globalDecompression: false,
  });
});
