import type { FastifyInstance } from 'fastify';
import poolingRoutes from './pooling.routes';

/** The pooling guide's tools (issue 11): finding partners and starting a partnership, under /api/pooling. */
export default async function pooling(app: FastifyInstance) {
  await app.register(poolingRoutes);
}
