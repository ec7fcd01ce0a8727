import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { attachmentParamsSchema, attachmentReplySchema, attachmentUploadQuerySchema } from '../../../shared/threads.schema';
import { LIMITS, WRITE_RATES } from '../../../shared/limits';
import { AppError, badRequest } from '../../core/errors';
import { currentUser } from '../../core/auth-guard';
import { attachmentsService } from './attachments.service';
import { rateOf } from '../../core/rate-limit';

/** Uploads (multipart, in this plugin only) and downloads with safe headers. */
export default async function attachmentsRoutes(app: FastifyInstance) {
  await app.register(multipart, { limits: { fileSize: LIMITS.attachmentMaxBytes, files: 1, fields: 0, parts: 1 } });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = attachmentsService(app);
  const tags = ['threads'];

  r.post('/attachments', {
    schema: { tags, summary: 'Joindre un fichier (image, PDF, document bureautique)', querystring: attachmentUploadQuerySchema, response: { 201: attachmentReplySchema } },
    config: { rateLimit: rateOf(WRITE_RATES.upload) },
    bodyLimit: LIMITS.attachmentMaxBytes + 64 * 1024,
  }, async (request, reply) => {
    const user = currentUser(request);
    service.checkUploadTarget(user, request.query);
    service.checkQuota(user);
    if (!request.isMultipart()) throw badRequest('Envoyez le fichier en multipart/form-data.');
    const file = await request.file();
    if (!file) throw badRequest('Aucun fichier reçu.');
    let data: Buffer;
    try {
      data = await file.toBuffer();
    } catch {
      throw new AppError(413, 'too_large', `Le fichier dépasse ${Math.round(LIMITS.attachmentMaxBytes / 1024 / 1024)} Mo.`);
    }
    reply.status(201);
    return { attachment: await service.store(user, file.filename, data) };
  });

  r.get('/attachments/:id', {
    schema: { tags, summary: 'Télécharger une pièce jointe', params: attachmentParamsSchema, response: { 200: z.any() } },
  }, async (request, reply) => {
    const { row, data } = await service.open(currentUser(request), request.params.id);
    const image = row.mimeType.startsWith('image/');
    const ascii = row.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
    reply
      .header('content-type', row.mimeType)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=3600')
      .header('content-disposition', `${image ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(row.fileName)}`);
    return reply.send(data);
  });
}
