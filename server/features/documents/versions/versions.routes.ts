import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  documentParamsSchema, versionCreateSchema, versionDetailSchema, versionListSchema, versionParamsSchema, versionSchema,
} from '../../../../shared/documents.schema';
import { okSchema } from '../../../../shared/errors.schema';
import { currentUser } from '../../../core/auth-guard';
import { rateOf } from '../../../core/rate-limit';
import { WRITE_RATES } from '../../../../shared/limits';
import type { VersionsService } from './versions.service';

export default async function versionsRoutes(app: FastifyInstance, { versions }: { versions: VersionsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];

  r.get('/:id/versions', { schema: { tags, summary: 'Historique des versions', params: documentParamsSchema, response: { 200: versionListSchema } } },
    async (req) => ({ versions: versions.list(currentUser(req), req.params.id) }));

  r.post('/:id/versions', {
    schema: { tags, summary: 'Nommer la version actuelle', params: documentParamsSchema, body: versionCreateSchema, response: { 201: z.object({ version: versionSchema }) } },
    config: { rateLimit: rateOf(WRITE_RATES.versionName) },
  },
    async (req, reply) => {
      reply.status(201);
      return { version: await versions.name(currentUser(req), req.params.id, req.body.name) };
    });

  r.get('/:id/versions/:versionId', { schema: { tags, summary: 'Une version, en lecture seule', params: versionParamsSchema, response: { 200: versionDetailSchema } } },
    async (req) => versions.show(currentUser(req), req.params.id, req.params.versionId));

  r.delete('/:id/versions/:versionId', { schema: { tags, summary: 'Supprimer une version de l’historique (animation)', params: versionParamsSchema, response: { 200: okSchema } } },
    async (req) => {
      versions.remove(currentUser(req), req.params.id, req.params.versionId);
      return { ok: true as const };
    });

  r.post('/:id/versions/:versionId/restore', {
    schema: { tags, summary: 'Restaurer une version (nouvelle modification, vue en direct)', params: versionParamsSchema, response: { 200: okSchema } },
  }, async (req) => {
    await versions.restore(currentUser(req), req.params.id, req.params.versionId);
    return { ok: true as const };
  });
}
