import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  documentCreateSchema, documentListQuerySchema, documentListSchema, documentParamsSchema, documentPatchSchema,
  documentReplySchema, statusChangeSchema,
} from '../../../shared/documents.schema';
import { okSchema } from '../../../shared/errors.schema';
import { currentUser } from '../../core/auth-guard';
import { rateOf } from '../../core/rate-limit';
import { WRITE_RATES } from '../../../shared/limits';
import type { DocumentsService } from './documents.service';

/** Metadata, review status and trash of documents. The text goes through /collab/<id>. */
export default async function documentsRoutes(app: FastifyInstance, { service }: { service: DocumentsService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];
  const params = documentParamsSchema;

  r.get('/', { schema: { tags, summary: 'Documents d’un groupe', querystring: documentListQuerySchema, response: { 200: documentListSchema } } },
    async (req) => service.list(currentUser(req), req.query.groupId));

  r.get('/trash', { schema: { tags, summary: 'Corbeille d’un groupe (animation)', querystring: documentListQuerySchema, response: { 200: documentListSchema } } },
    async (req) => service.list(currentUser(req), req.query.groupId, true));

  r.post('/', {
    schema: { tags, summary: 'Créer un document à partir d’un modèle', body: documentCreateSchema, response: { 201: documentReplySchema } },
    config: { rateLimit: rateOf(WRITE_RATES.documentCreate) },
  },
    async (req, reply) => {
      reply.status(201);
      return service.create(currentUser(req), req.body);
    });

  r.get('/:id', { schema: { tags, summary: 'Un document', params, response: { 200: documentReplySchema } } },
    async (req) => service.get(currentUser(req), req.params.id));

  r.patch('/:id', { schema: { tags, summary: 'Modifier le titre ou les thèmes', params, body: documentPatchSchema, response: { 200: documentReplySchema } } },
    async (req) => service.update(currentUser(req), req.params.id, req.body));

  r.post('/:id/status', { schema: { tags, summary: 'Changer le statut (validation et publication : animation)', params, body: statusChangeSchema, response: { 200: documentReplySchema } } },
    async (req) => service.changeStatus(currentUser(req), req.params.id, req.body.status));

  r.delete('/:id', { schema: { tags, summary: 'Mettre à la corbeille du groupe', params, response: { 200: okSchema } } },
    async (req) => {
      service.trash(currentUser(req), req.params.id);
      return { ok: true as const };
    });

  r.post('/:id/restore', { schema: { tags, summary: 'Restaurer depuis la corbeille (animation ; « Annuler » pour qui vient de l’y mettre)', params, response: { 200: documentReplySchema } } },
    async (req) => service.restore(currentUser(req), req.params.id));

  r.delete('/:id/permanent', { schema: { tags, summary: 'Supprimer définitivement (animation)', params, response: { 200: okSchema } } },
    async (req) => {
      await service.purge(currentUser(req), req.params.id);
      return { ok: true as const };
    });
}
