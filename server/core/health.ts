import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { databaseFile } from '../../db/client';
import { healthDegradedSchema, healthReplySchema } from '../../shared/errors.schema';
import { createDbProbe, type ProbeResult } from './db-probe';

/** Longer than any read of a healthy SQLite, short enough for a load balancer's check. */
const DATABASE_TIMEOUT_MS = 1000;

/**
 * GET /api/health: 200 `{"status":"ok"}` (the contract monitoring tools rely on) when the
 * database answers within DATABASE_TIMEOUT_MS, 503 `{"status":"degraded"}` otherwise.
 */
export default fp(async function health(app: FastifyInstance) {
  const probe = createDbProbe(databaseFile(app.config.dataDir), DATABASE_TIMEOUT_MS);
  app.addHook('onClose', () => probe.close());
  // Checks that arrive together share one probe: a flood of health requests costs one query.
  let inFlight: Promise<ProbeResult> | null = null;
  const check = () => (inFlight ??= probe.check().finally(() => { inFlight = null; }));

  app.get('/api/health', {
    config: { public: true },
    schema: { tags: ['core'], summary: 'État du serveur et de sa base de données', response: { 200: healthReplySchema, 503: healthDegradedSchema } },
  }, async (request, reply) => {
    const database: ProbeResult = app.sqlite.open ? await check() : { ok: false, reason: 'connection closed' };
    if (database.ok) return { status: 'ok' as const, database: 'ok' as const };
    request.log.warn({ reason: database.reason }, 'health: the database does not answer');
    return reply.status(503).send({
      status: 'degraded' as const, database: 'unavailable' as const, statusCode: 503, code: 'database_unavailable',
      message: 'La base de données ne répond pas : Maillage ne peut ni lire ni enregistrer pour le moment.',
    });
  });
});
