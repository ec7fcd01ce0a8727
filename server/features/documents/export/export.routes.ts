import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DOCUMENT_LIMITS, contentReplySchema, documentParamsSchema, exportQuerySchema, stateVectorReplySchema } from '../../../../shared/documents.schema';
import { currentUser } from '../../../core/auth-guard';
import type { CollabService } from '../collab/collab.types';
import { requireDocument } from '../documents.policy';
import type { Renderer } from '../render/render.pool';
import { disposition } from './disposition';
import { exportText } from './export.source';
import { sendExportFile } from './export.temp';
import { badRequest } from '../../../core/errors';
import { commentsAppendix } from '../../comments/comments.appendix';

const TYPES = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;


/**
 * Exports and the current text, always made on the server from the stored Yjs state, in the render
 * pool's worker processes (bounded in size and time; see render/). An export is read from SQLite
 * and written to a temporary file by the worker, then streamed from disk (export.temp.ts).
 */
export default async function exportRoutes(app: FastifyInstance, { collab, render }: { collab: CollabService; render: Renderer }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['documents'];

  r.get('/:id/content', { schema: { tags, summary: 'Le texte actuel, en HTML assaini', params: documentParamsSchema, response: { 200: contentReplySchema } } },
    async (req) => {
      requireDocument(app.db, currentUser(req), req.params.id, 'read');
      // A large document is read from SQLite by the render worker, not sent to it through this process.
      return { html: await render.html(await collab.stateSource(req.params.id)) };
    });

  // What the server holds, as a state vector: an editor knows its changes are saved once this covers them.
  r.get('/:id/state-vector', { schema: { tags, summary: 'Vecteur d’état Yjs enregistré (accusé d’enregistrement)', params: documentParamsSchema, response: { 200: stateVectorReplySchema } } },
    async (req) => {
      requireDocument(app.db, currentUser(req), req.params.id, 'read');
      return { stateVector: Buffer.from(await collab.encodeStateVector(req.params.id)).toString('base64') };
    });

  r.get('/:id/export', {
    config: { rateLimit: { max: DOCUMENT_LIMITS.exportsPerMinute, timeWindow: 60_000, keyGenerator: (req) => req.user?.id ?? req.ip } },
    schema: { tags, summary: 'Exporter en HTML, Markdown, DOCX ou PDF (le texte de travail, ou une version de l’historique : `version=version:<id>`)', params: documentParamsSchema, querystring: exportQuerySchema },
  }, async (req, reply) => {
    const { document } = requireDocument(app.db, currentUser(req), req.params.id, 'read');
    const { format, version } = req.query;
    const withComments = req.query.comments === '1';
    if (withComments && (format === 'docx' || format === 'pdf')) throw badRequest('L’annexe des commentaires existe en HTML et en Markdown, pas en DOCX ni en PDF.', 'comments_format');
    const text = exportText(version);
    // Comments are the document's data, never part of its text: added only when asked for.
    const appendix = withComments && (format === 'html' || format === 'md') ? commentsAppendix(app.db, document.id, format) : undefined;
    const state = text.kind === 'working' ? await collab.stateSource(document.id) : undefined;
    const file = await render.exportFile({ documentId: document.id, text, state, format, title: document.title, appendix });
    return sendExportFile(reply.type(TYPES[format]).header('content-disposition', disposition(document.title, format)), file, req.log);
  });
}
