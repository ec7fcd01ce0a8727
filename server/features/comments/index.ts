import type { FastifyInstance } from 'fastify';
import commentsRoutes from './comments.routes';
import { commentsService } from './comments.service';
import { registerCommentsSocket } from './comments.socket';

/** Comments on passages of documents: threads anchored in the text, live in the document's room. */
export default async function comments(app: FastifyInstance) {
  await app.register(commentsRoutes, { service: commentsService(app) });
  registerCommentsSocket(app);
}
