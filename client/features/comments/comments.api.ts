import {
  commentRemovedReplySchema, commentThreadListSchema, commentThreadReplySchema, type CommentThreadInput,
} from '../../../shared/comments.schema';
import { api } from '../../lib/api';

/** The REST calls of comments; each reply is parsed with the shared schema. */
export const commentsApi = {
  list: (documentId: string) => api('GET', `/comments/documents/${documentId}`, { schema: commentThreadListSchema }),
  open: (documentId: string, body: CommentThreadInput) => api('POST', `/comments/documents/${documentId}`, { body, schema: commentThreadReplySchema }),
  reply: (threadId: string, body: string) => api('POST', `/comments/threads/${threadId}/comments`, { body: { body }, schema: commentThreadReplySchema }),
  edit: (commentId: string, body: string) => api('PATCH', `/comments/${commentId}`, { body: { body }, schema: commentThreadReplySchema }),
  remove: (commentId: string) => api('DELETE', `/comments/${commentId}`, { schema: commentRemovedReplySchema }),
  resolve: (threadId: string, resolved: boolean) => api('POST', `/comments/threads/${threadId}/${resolved ? 'resolve' : 'reopen'}`, { schema: commentThreadReplySchema }),
};
