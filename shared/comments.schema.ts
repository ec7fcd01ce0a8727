import { z } from 'zod';
import { COMMENT_LIMITS } from './limits';
import { personRefSchema } from './threads.schema';

// Comments on passages of documents (feature "comments"): REST bodies and replies, live events.

const idParam = z.string().min(1).max(64);
/** Control characters other than line breaks and tabs have no place in a comment. */
const hasControl = (s: string) => [...s].some((c) => {
  const code = c.charCodeAt(0);
  return (code < 32 && c !== '\n' && c !== '\r' && c !== '\t') || code === 127;
});

/** Plain text with @mentions coded as `@[Name](id)`; never HTML (the client shows it as text). */
export const commentBodySchema = z.string().trim().min(1).max(COMMENT_LIMITS.bodyMax)
  .refine((s) => !hasControl(s), { message: 'Le commentaire contient des caractères non autorisés.' });

/** An encoded Yjs relative position (`Y.encodeRelativePosition`, base64). */
export const anchorSchema = z.string().min(4).max(COMMENT_LIMITS.anchorMax).regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Ancre de passage invalide.');

export const commentDocumentParamsSchema = z.object({ documentId: idParam });
export const commentThreadParamsSchema = z.object({ threadId: idParam });
export const commentParamsSchema = z.object({ commentId: idParam });

export const commentThreadInputSchema = z.object({
  anchorStart: anchorSchema,
  anchorEnd: anchorSchema,
  /** The passage as selected: what the thread shows once the passage is gone. */
  quote: z.string().trim().min(1).max(COMMENT_LIMITS.quoteMax).refine((s) => !hasControl(s), { message: 'Le passage contient des caractères non autorisés.' }),
  body: commentBodySchema,
});
export type CommentThreadInput = z.infer<typeof commentThreadInputSchema>;
export const commentInputSchema = z.object({ body: commentBodySchema });

export const commentSchema = z.object({
  id: z.string(),
  author: personRefSchema,
  /** Empty once deleted. */
  body: z.string(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
});
export type Comment = z.infer<typeof commentSchema>;

export const commentThreadSchema = z.object({
  id: z.string(),
  documentId: z.string(),
  anchorStart: z.string(),
  anchorEnd: z.string(),
  quote: z.string(),
  createdBy: personRefSchema,
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: personRefSchema.nullable(),
  comments: z.array(commentSchema),
});
export type CommentThread = z.infer<typeof commentThreadSchema>;

export const commentThreadListSchema = z.object({
  threads: z.array(commentThreadSchema),
  /** The document's group: whose readers may be mentioned. */
  groupId: z.string(),
  /** Whether the person may comment (writers and commenters; not observers). */
  canComment: z.boolean(),
  /** Whether the person may delete others' comments (leads). */
  canModerate: z.boolean(),
});
export const commentThreadReplySchema = z.object({ thread: commentThreadSchema });
/** Deleting the only comment of a thread removes the thread: `thread` is then null. */
export const commentRemovedReplySchema = z.object({ thread: commentThreadSchema.nullable() });

// ---------- Live (Socket.IO) ----------
/** Client → server: enter or leave a document's comment room (read right checked on entering). */
export const COMMENT_SOCKET_MESSAGES = { join: 'comments:join', leave: 'comments:leave' } as const;
export const commentSocketJoinSchema = z.object({ documentId: idParam });
/** Server → client: a thread as it now stands, or gone. */
export const COMMENT_EVENTS = { thread: 'comments:thread', removed: 'comments:removed' } as const;
export const commentRemovedEventSchema = z.object({ documentId: z.string(), threadId: z.string() });
