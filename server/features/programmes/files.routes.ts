import type { FastifyInstance } from 'fastify';
import { conditionsService } from './conditions.service';
import { forgetPublicDirectory, publicDirectory } from './programmes.public';

/**
 * The directory as open data, outside /api: addresses people paste into a spreadsheet or a
 * script. Bytes are encoded once per published change (programmes.public.ts).
 */
export default async function programmeFiles(app: FastifyInstance) {
  const conditions = conditionsService(app.db, () => forgetPublicDirectory(app.db));
  const directory = publicDirectory(app.db, () => conditions.list());
  const tags = ['programmes'];

  app.get('/programmes.csv', {
    config: { public: true },
    schema: { tags, summary: 'L’annuaire en CSV (UTF-8 avec BOM, séparateur « ; », une ligne par programme)' },
  }, async (_request, reply) => reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', 'inline; filename="programmes-etp.csv"')
    .header('cache-control', 'no-cache')
    .send(directory.csv()));

  app.get('/programmes.json', {
    config: { public: true },
    schema: { tags, summary: 'L’annuaire en JSON (les versions publiées)' },
  }, async (_request, reply) => reply
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-cache')
    .send(directory.json()));
}
