import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DOCUMENT_LIMITS, documentParamsSchema } from '../../../../shared/documents.schema';
import { diffQuerySchema, diffReplySchema } from '../../../../shared/documents.diff.schema';
import { currentUser } from '../../../core/auth-guard';
import type { CollabService } from '../collab/collab.types';
import { requireDocument } from '../documents.policy';
import type { Renderer } from '../render/render.pool';
import { resolveRef } from './diff.refs';

/**
 * Visible changes between two states of a document: GET /:id/diff?from=<ref>&to=<ref>, refs as in
 * shared/documents.diff.schema.ts (defaults: the last published version and the working text).
 * Readers of the document only; computed in the render pool, never on the event loop.
 */
export default async function diffRoutes(app: FastifyInstance, { collab, render }: { collab: CollabService; render: Renderer }) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/:id/diff', {
    schema: { tags: ['documents'], summary: 'Modifications entre deux versions, en un seul texte', params: documentParamsSchema, querystring: diffQuerySchema, response: { 200: diffReplySchema } },
    // A comparison costs two readings of the document in a worker: bounded like exports.
    config: { rateLimit: { max: DOCUMENT_LIMITS.exportsPerMinute, timeWindow: 60_000 } },
  }, async (req) => {
    const { document } = requireDocument(app.db, currentUser(req), req.params.id, 'read');
    const from = await resolveRef(app.db, collab, document.id, req.query.from);
    const to = await resolveRef(app.db, collab, document.id, req.query.to);
    const { blocks, counts } = await render.diff(from.state, to.state);
    return { documentId: document.id, title: document.title, from: from.side, to: to.side, blocks, counts };
  });
}
