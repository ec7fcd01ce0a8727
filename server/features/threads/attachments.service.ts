import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { mkdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { messageAttachments, threadMessages } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { Attachment } from '../../../shared/threads.schema';
import { AppError, forbidden, notFound } from '../../core/errors';
import { scopeAccess, threadAccess, type ThreadScope } from './threads.policy';
import { checkUploadQuota } from './attachments.quotas';

/** What may be attached, decided from the bytes (never from the name or the declared type). */
const ALLOWED = new Set([
  'image/png', 'image/jpeg', 'image/gif', 'image/webp',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet', 'application/vnd.oasis.opendocument.presentation',
  // Legacy .doc/.xls/.ppt are OLE compound files.
  'application/x-cfb',
]);

/** A file name safe to store and to send back in a header: no path, no control characters. */
export function cleanFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (base || 'fichier').slice(0, 200);
}

export function attachmentsService(app: FastifyInstance) {
  const { db } = app;
  const dir = join(app.config.dataDir, 'attachments');
  mkdirSync(dir, { recursive: true });

  return {
    /** Checks where the file will go before it is read: only people who may post there upload. */
    checkUploadTarget(user: SessionUser, target: { threadId?: string; groupId?: string; categoryId?: string }) {
      if (target.threadId) {
        const access = threadAccess(db, user, target.threadId);
        if (!access.canRead) throw notFound('Cette discussion');
        if (!access.canReply) throw forbidden('Vous ne pouvez pas publier dans cette discussion.');
        return;
      }
      const scope: ThreadScope = { groupId: target.groupId ?? null, categoryId: target.groupId ? null : target.categoryId ?? null };
      if (!scopeAccess(db, user, scope).canPost) throw forbidden('Vous ne pouvez pas publier ici.');
    },

    /** Before the file is read: is anything left of the person's quota? */
    checkQuota(user: SessionUser) {
      checkUploadQuota(db, user.id, 0, app.config.quotas?.uploads);
    },

    async store(user: SessionUser, fileName: string, data: Buffer): Promise<Attachment> {
      const type = await fileTypeFromBuffer(data);
      if (!type || !ALLOWED.has(type.mime)) {
        throw new AppError(415, 'attachment_type', 'Ce type de fichier n’est pas accepté : images, PDF et documents bureautiques uniquement.');
      }
      // Checked and written with no await in between: the quota holds against parallel uploads.
      checkUploadQuota(db, user.id, data.length, app.config.quotas?.uploads);
      const row = db.insert(messageAttachments).values({ uploaderId: user.id, fileName: cleanFileName(fileName), mimeType: type.mime, size: data.length })
        .returning().get();
      await writeFile(join(dir, row.id), data);
      return { id: row.id, fileName: row.fileName, mimeType: row.mimeType, size: row.size, isImage: row.mimeType.startsWith('image/') };
    },

    /** The same read check as the thread; a file not yet posted is its uploader's alone. */
    async open(user: SessionUser, id: string) {
      const row = db.select().from(messageAttachments).where(eq(messageAttachments.id, id)).get();
      if (!row) throw notFound('Ce fichier');
      if (row.messageId === null) {
        if (row.uploaderId !== user.id) throw notFound('Ce fichier');
      } else {
        const message = db.select().from(threadMessages).where(eq(threadMessages.id, row.messageId)).get();
        const access = message ? threadAccess(db, user, message.threadId) : null;
        if (!message || !access?.canRead || message.deletedAt || (message.hiddenAt && !access.canModerate)) throw notFound('Ce fichier');
      }
      return { row, data: await readFile(join(dir, row.id)) };
    },
  };
}
