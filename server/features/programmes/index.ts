import type { FastifyInstance } from 'fastify';
import programmesRoutes from './programmes.routes';
import publicRoutes from './public.routes';
import programmeFiles from './files.routes';

/** The directory of ETP programmes, under /api/programmes. */
export default async function programmes(app: FastifyInstance) {
  await app.register(publicRoutes);
  await app.register(programmesRoutes);
}

/** /programmes.csv and /programmes.json, registered without a prefix. */
export { programmeFiles };
