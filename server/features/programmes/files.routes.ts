import type { FastifyInstance } from 'fastify';
import { JSON_TYPE, PUBLIC_CACHE_CONTROL } from '../../core/public-cache';
import { conditionsService } from './conditions.service';
import { forgetPublicDirectory, publicDirectory } from './programmes.public';

/**
 * The directory as open data, outside /api: addresses people paste into a spreadsheet or a
 * script. Bytes are encoded (and compressed) once per published change, with ETag and 304
 * (core/public-cache.ts).
 */
export default async function programmeFiles(app: FastifyInstance) {
  const conditions = conditionsService(app.db, () => forgetPublicDirectory(app.db));
  const directory = publicDirectory(app.db, () => conditions.list());
  const tags = ['programmes'];

  app.get('/programmes.csv', {
    config: { public: true },
    schema: { tags, summary: 'L’annuaire en CSV (UTF-8 avec BOM, séparateur « ; », une ligne par programme)' },
  }, (request, reply) => app.publicCache.send(request, reply, {
    resource: 'programmes:csv',
    version: directory.version(),
    cacheControl: PUBLIC_CACHE_CONTROL.live,
    headers: { 'content-disposition': 'inline; filename="programmes-etp.csv"' },
    build: () => ({ body: directory.csv(), type: 'text/csv; charset=utf-8' }),
  }));

  app.get('/programmes.json', {
    config: { public: true },
    schema: { tags, summary: 'L’annuaire en JSON (les versions publiées)' },
  }, (request, reply) => app.publicCache.send(request, reply, {
    resource: 'programmes:json',
    version: directory.version(),
    cacheControl: PUBLIC_CACHE_CONTROL.live,
    build: () => ({ body: directory.json(), type: JSON_TYPE }),
  }));
}
