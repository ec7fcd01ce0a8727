import type { FastifyInstance } from 'fastify';
import { COMMENT_EVENTS, type CommentThread } from '../../../shared/comments.schema';

/** The room of a document's comments: joined only after the read right is checked (comments.socket.ts). */
export const commentsRoom = (documentId: string) => `comments:${documentId}`;

/** What the service announces after it commits; fire-and-forget, a write never fails on it. */
export function commentsLive(app: FastifyInstance) {
  return {
    thread(thread: CommentThread) {
      app.io.to(commentsRoom(thread.documentId)).emit(COMMENT_EVENTS.thread, thread);
    },
    removed(documentId: string, threadId: string) {
      app.io.to(commentsRoom(documentId)).emit(COMMENT_EVENTS.removed, { documentId, threadId });
    },
  };
}
