import { z } from 'zod';
import {
  categoryListSchema, createdThreadSchema, mentionListSchema, messagePageSchema, messageReplySchema, notificationListSchema,
  muteListSchema, overviewSchema, searchResultSchema, threadListSchema, threadReplySchema, attachmentReplySchema, type Attachment,
} from '../../../shared/threads.schema';
import { api, ApiError } from '../../lib/api';
import { translator } from '../../i18n/index';

const q = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)])).toString();

export const threadsApi = {
  overview: () => api('GET', '/threads/overview', { schema: overviewSchema }),
  categories: () => api('GET', '/threads/categories', { schema: categoryListSchema }),
  list: (params: { groupId?: string; categoryId?: string; documentId?: string }) => api('GET', `/threads?${q(params)}`, { schema: threadListSchema }),
  get: (id: string) => api('GET', `/threads/${id}`, { schema: threadReplySchema }),
  create: (body: unknown) => api('POST', '/threads', { body, schema: createdThreadSchema }),
  messages: (id: string, params: { before?: number; after?: number; limit?: number }) => api('GET', `/threads/${id}/messages?${q(params)}`, { schema: messagePageSchema }),
  post: (id: string, body: unknown) => api('POST', `/threads/${id}/messages`, { body, schema: messageReplySchema }),
  edit: (messageId: number, body: string) => api('PATCH', `/threads/messages/${messageId}`, { body: { body }, schema: messageReplySchema }),
  remove: (messageId: number) => api('DELETE', `/threads/messages/${messageId}`, { schema: messageReplySchema }),
  history: (messageId: number) => api('GET', `/threads/messages/${messageId}/history`, { schema: z.object({ versions: z.array(z.object({ html: z.string(), writtenAt: z.string() })) }) }),
  react: (messageId: number, emoji: string) => api('POST', `/threads/messages/${messageId}/reactions`, { body: { emoji }, schema: messageReplySchema }),
  hide: (messageId: number, reason: string) => api('POST', `/threads/messages/${messageId}/hide`, { body: { reason }, schema: messageReplySchema }),
  unhide: (messageId: number) => api('POST', `/threads/messages/${messageId}/unhide`, { schema: messageReplySchema }),
  report: (messageId: number, reason: string) => api('POST', `/threads/messages/${messageId}/report`, { body: { reason } }),
  moderate: (id: string, body: { pinned?: boolean; locked?: boolean }) => api('PATCH', `/threads/${id}`, { body, schema: threadReplySchema }),
  move: (id: string, body: { groupId?: string; categoryId?: string }) => api('POST', `/threads/${id}/move`, { body, schema: threadReplySchema }),
  read: (id: string, messageId: number) => api('POST', `/threads/${id}/read`, { body: { messageId } }),
  mentionable: (params: { threadId?: string; groupId?: string; categoryId?: string; q: string }) => api('GET', `/threads/mentionable?${q(params)}`, { schema: mentionListSchema }),
  mutes: (groupId: string | null) => api('GET', `/threads/mutes?${q({ groupId: groupId ?? undefined })}`, { schema: muteListSchema }),
  mute: (groupId: string | null, userId: string) => api('POST', '/threads/mutes', { body: { groupId, userId } }),
  unmute: (groupId: string | null, userId: string) => api('POST', '/threads/mutes/remove', { body: { groupId, userId } }),
  search: (text: string) => api('GET', `/threads/search?${q({ q: text })}`, { schema: searchResultSchema }),
  notifications: () => api('GET', '/threads/notifications', { schema: notificationListSchema }),
  readNotifications: (ids?: string[]) => api('POST', '/threads/notifications/read', { body: { ids } }),
};

/** Multipart upload: the one call that is not JSON. */
export async function uploadAttachment(file: File, target: { threadId?: string; groupId?: string; categoryId?: string }): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api/threads/attachments?${q(target)}`, { method: 'POST', body: form, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', translator.t('core.errors.network'));
  }
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, json?.code ?? 'unknown', json?.message ?? translator.t('core.errors.unknown'));
  return attachmentReplySchema.parse(json).attachment;
}
