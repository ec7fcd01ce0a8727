import { z } from 'zod';
import { LIMITS } from './limits';

/** The small fixed set of reactions: enough to acknowledge, agree or thank without a reply. */
export const REACTIONS = ['👍', '❤️', '🎉', '🙏', '🤔', '👀'] as const;
export const reactionSchema = z.enum(REACTIONS);

const idParam = z.string().min(1).max(64);
const messageId = z.coerce.number().int().positive();
/** A client-generated id: the same post retried is stored once. */
export const clientIdSchema = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const personRefSchema = z.object({ id: z.string(), name: z.string(), organisationName: z.string() });
export type PersonRef = z.infer<typeof personRefSchema>;

// ---------- Forum categories ----------
export const categorySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  associationsRead: z.boolean(),
  associationsPost: z.boolean(),
  readOnly: z.boolean(),
  threadCount: z.number().int(),
  unread: z.number().int(),
  canPost: z.boolean(),
});
export type Category = z.infer<typeof categorySchema>;
export const categoryInputSchema = z.object({
  name: z.string().trim().min(2).max(LIMITS.nameMax),
  description: z.string().trim().max(LIMITS.bioMax).default(''),
  associationsRead: z.boolean().default(true),
  associationsPost: z.boolean().default(true),
  readOnly: z.boolean().default(false),
});
export type CategoryInput = z.infer<typeof categoryInputSchema>;
export const categoryListSchema = z.object({ categories: z.array(categorySchema), canManage: z.boolean() });

// ---------- Threads ----------
export const threadSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  themes: z.array(z.string()),
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  document: z.object({ id: z.string(), title: z.string() }).nullable(),
  author: personRefSchema,
  pinned: z.boolean(),
  locked: z.boolean(),
  messageCount: z.number().int(),
  lastMessageAt: z.string(),
  createdAt: z.string(),
  unread: z.number().int(),
});
export type ThreadSummary = z.infer<typeof threadSummarySchema>;

export const threadDetailSchema = threadSummarySchema.extend({
  /** The last message read before this visit: the "new since your last visit" line goes after it. */
  lastReadId: z.number().int(),
  canPost: z.boolean(),
  canModerate: z.boolean(),
  muted: z.boolean(),
});
export type ThreadDetail = z.infer<typeof threadDetailSchema>;

export const threadListQuerySchema = z.object({
  groupId: idParam.optional(),
  categoryId: idParam.optional(),
  documentId: idParam.optional(),
});
/** A place's threads, with its name and whether the reader may open a thread there. */
export const threadListSchema = z.object({ threads: z.array(threadSummarySchema), name: z.string(), canPost: z.boolean() });

export const overviewSchema = z.object({
  categories: z.array(categorySchema),
  groups: z.array(z.object({ id: z.string(), name: z.string(), unread: z.number().int() })),
  recent: z.array(threadSummarySchema),
  forumUnread: z.number().int(),
  canManageCategories: z.boolean(),
});
export type Overview = z.infer<typeof overviewSchema>;

const bodySchema = z.string().trim().min(1, 'Le message est vide.').max(LIMITS.messageMax);
const attachmentIdsSchema = z.array(idParam).max(LIMITS.attachmentsPerMessage).default([]);

export const threadInputSchema = z.object({
  groupId: idParam.optional(),
  categoryId: idParam.optional(),
  title: z.string().trim().min(3).max(LIMITS.threadTitleMax),
  themes: z.array(z.string().trim().min(1).max(60)).max(8).default([]),
  documentId: idParam.nullish(),
  body: bodySchema,
  clientId: clientIdSchema,
  attachmentIds: attachmentIdsSchema,
}).refine((v) => Boolean(v.groupId) !== Boolean(v.categoryId), { message: 'Choisissez un groupe ou une catégorie du forum.', path: ['groupId'] });
export type ThreadInput = z.infer<typeof threadInputSchema>;

export const threadModerationSchema = z.object({ pinned: z.boolean().optional(), locked: z.boolean().optional() });
export const threadMoveSchema = z.object({ groupId: idParam.optional(), categoryId: idParam.optional() })
  .refine((v) => Boolean(v.groupId) !== Boolean(v.categoryId), { message: 'Choisissez un groupe ou une catégorie du forum.', path: ['groupId'] });

export const threadParamsSchema = z.object({ id: idParam });
export const threadReplySchema = z.object({ thread: threadDetailSchema });

// ---------- Messages ----------
export const attachmentSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  isImage: z.boolean(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const messageSchema = z.object({
  id: z.number().int(),
  threadId: z.string(),
  clientId: z.string(),
  author: personRefSchema,
  parent: z.object({ id: z.number().int(), authorName: z.string(), excerpt: z.string() }).nullable(),
  /** Sanitised on the server; empty when deleted or hidden (except for moderators). */
  html: z.string(),
  source: z.string(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  deleted: z.boolean(),
  hidden: z.object({ reason: z.string() }).nullable(),
  reactions: z.array(z.object({ emoji: z.string(), userIds: z.array(z.string()) })),
  attachments: z.array(attachmentSchema),
});
export type Message = z.infer<typeof messageSchema>;

export const messagePageQuerySchema = z.object({
  before: messageId.optional(),
  after: messageId.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.messagesPageSize),
});
export const messagePageSchema = z.object({ messages: z.array(messageSchema), hasMore: z.boolean() });

export const messageInputSchema = z.object({
  body: bodySchema,
  parentId: z.number().int().positive().nullish(),
  clientId: clientIdSchema,
  attachmentIds: attachmentIdsSchema,
});
export type MessageInput = z.infer<typeof messageInputSchema>;
export const messageEditSchema = z.object({ body: bodySchema });
export const messageParamsSchema = z.object({ messageId });
export const messageReplySchema = z.object({ message: messageSchema });
export const createdThreadSchema = z.object({ thread: threadDetailSchema, message: messageSchema });

export const messageHistorySchema = z.object({
  versions: z.array(z.object({ html: z.string(), writtenAt: z.string() })),
});
export const reactionInputSchema = z.object({ emoji: reactionSchema });
export const hideInputSchema = z.object({ reason: z.string().trim().min(3).max(LIMITS.reportReasonMax) });
export const reportInputSchema = z.object({ reason: z.string().trim().min(3).max(LIMITS.reportReasonMax) });
export const readInputSchema = z.object({ messageId: z.number().int().min(0) });

export const mentionQuerySchema = z.object({
  threadId: idParam.optional(),
  groupId: idParam.optional(),
  categoryId: idParam.optional(),
  q: z.string().trim().max(LIMITS.nameMax).default(''),
});
export const mentionListSchema = z.object({ people: z.array(personRefSchema) });

// ---------- Moderation ----------
export const reportSchema = z.object({
  id: z.string(),
  reason: z.string(),
  createdAt: z.string(),
  reporter: personRefSchema,
  message: z.object({ id: z.number().int(), excerpt: z.string(), author: personRefSchema, hidden: z.boolean() }),
  thread: z.object({ id: z.string(), title: z.string() }),
});
export type Report = z.infer<typeof reportSchema>;
export const reportListSchema = z.object({ reports: z.array(reportSchema) });
/** What became of a report: the moderator left the message visible, or hid it. */
export const REPORT_RESOLUTIONS = ['dismissed', 'hidden'] as const;
export const reportResolveSchema = z.object({
  action: z.enum(['dismiss', 'hide']),
  reason: z.string().trim().max(LIMITS.reportReasonMax).optional(),
});
export const reportParamsSchema = z.object({ id: idParam });

export const muteInputSchema = z.object({ groupId: idParam.nullish(), userId: idParam });
export const muteListQuerySchema = z.object({ groupId: idParam.optional() });
export const muteListSchema = z.object({ people: z.array(personRefSchema) });

// ---------- Search ----------
export const searchQuerySchema = z.object({ q: z.string().trim().min(2).max(LIMITS.searchQueryMax) });
/** Snippets mark matches between these two characters: the client wraps them in <mark>. */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';
export const searchResultSchema = z.object({
  threads: z.array(threadSummarySchema),
  messages: z.array(z.object({
    id: z.number().int(), threadId: z.string(), threadTitle: z.string(), authorName: z.string(), snippet: z.string(), createdAt: z.string(),
  })),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

// ---------- Attachments ----------
export const attachmentUploadQuerySchema = z.object({
  threadId: idParam.optional(),
  groupId: idParam.optional(),
  categoryId: idParam.optional(),
});
export const attachmentReplySchema = z.object({ attachment: attachmentSchema });
export const attachmentParamsSchema = z.object({ id: idParam });

// ---------- Socket.IO payloads (client → server) ----------
export const socketThreadSchema = z.object({ threadId: idParam });

/** Server → client events. */
export const THREAD_EVENTS = {
  message: 'thread:message',
  messageUpdated: 'thread:message-updated',
  threadUpdated: 'thread:updated',
  typing: 'thread:typing',
  activity: 'threads:activity',
  notification: 'notification',
} as const;
export const activityEventSchema = z.object({
  threadId: z.string(),
  groupId: z.string().nullable(),
  categoryId: z.string().nullable(),
  messageId: z.number().int(),
  authorId: z.string(),
  /** When the message was written (ISO): the list re-sorts on it without asking the server. */
  at: z.string(),
});
export type ActivityEvent = z.infer<typeof activityEventSchema>;
/**
 * What `threads:activity` carries: the events of one room gathered over at most a second (the
 * first goes at once). One emission per room and second, whatever the number of posts.
 */
export const activityBatchSchema = z.array(activityEventSchema).min(1);
export const threadUpdatedEventSchema = z.object({ threadId: z.string() });
export const typingEventSchema = z.object({ threadId: z.string(), user: z.object({ id: z.string(), name: z.string() }) });

// ---------- Notifications ----------
/** A discussion's notices, comments on passages of documents (feature comments), and actions (feature actions). */
export const NOTIFICATION_KINDS = ['mention', 'reply', 'thread', 'comment_mention', 'comment_reply', 'action'] as const;
/** About a document's review (server/features/documents/review): asked, decided, validated. */
export const DOCUMENT_NOTIFICATION_KINDS = ['review_requested', 'review_approved', 'review_changes_requested', 'review_validated'] as const;
/** Every kind a notification may have (the list and the `notifications` table's column say the same). */
export const ALL_NOTIFICATION_KINDS = [...NOTIFICATION_KINDS, ...DOCUMENT_NOTIFICATION_KINDS] as const;
export const notificationSchema = z.object({
  id: z.string(),
  kind: z.enum(ALL_NOTIFICATION_KINDS),
  /** The discussion, for the discussion kinds. */
  thread: z.object({ id: z.string(), title: z.string() }).nullable(),
  /** The document: of a review notification, or of a comment (then with its comment thread). */
  document: z.object({ id: z.string(), title: z.string(), commentThreadId: z.string().nullable() }).nullable().optional(),
  /** Kind `action` (feature actions): the action and what changed (request, assigned, state, meeting). */
  action: z.object({ id: z.string(), title: z.string(), change: z.string(), state: z.string() }).nullable().optional(),
  messageId: z.number().int().nullable(),
  actor: personRefSchema,
  excerpt: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type Notification = z.infer<typeof notificationSchema>;
export const notificationListSchema = z.object({ notifications: z.array(notificationSchema), unread: z.number().int() });
export const notificationReadSchema = z.object({ ids: z.array(idParam).max(200).optional() });
/** What the e-mail digest sends: everything missed, mentions only, or nothing. */
export const EMAIL_PREFERENCES = ['all', 'mentions', 'none'] as const;
export const emailPreferenceSchema = z.enum(EMAIL_PREFERENCES);
export type EmailPreference = z.infer<typeof emailPreferenceSchema>;
export const preferencesSchema = z.object({ email: emailPreferenceSchema });
