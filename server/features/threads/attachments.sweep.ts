import { and, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { messageAttachments, threadMessages } from '../../../db/schema/index';
import { LIMITS } from '../../../shared/limits';

const SWEEP_EVERY_MS = 3600_000;

/**
 * Deletes the files nobody can reach any more, row first then bytes:
 * - uploaded but never posted within `LIMITS.attachmentUnpostedTtlMs` (the draft was abandoned);
 * - attached to a deleted message: "message supprimé" shows no file and a deletion is not undone.
 * A hidden message keeps its files (moderation can lift the hiding). The clock is a parameter for tests.
 */
export async function sweepAttachments(app: FastifyInstance, now: Date = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - LIMITS.attachmentUnpostedTtlMs);
  const deletedMessages = app.db.select({ id: threadMessages.id }).from(threadMessages).where(isNotNull(threadMessages.deletedAt));
  // One statement: a post that claims the file at the same moment either wins (the file stays) or finds it gone.
  const gone = app.db.delete(messageAttachments)
    .where(or(
      and(isNull(messageAttachments.messageId), lt(messageAttachments.createdAt, cutoff)),
      inArray(messageAttachments.messageId, deletedMessages),
    ))
    .returning({ id: messageAttachments.id }).all();
  const dir = join(app.config.dataDir, 'attachments');
  for (const { id } of gone) await rm(join(dir, id), { force: true });
  if (gone.length) app.log.info({ count: gone.length }, 'unreachable attachments deleted');
  return gone.length;
}

/** Runs the sweep hourly; the timer never keeps the process alive and stops with the server. */
export function scheduleAttachmentSweep(app: FastifyInstance) {
  const timer = setInterval(() => {
    sweepAttachments(app).catch((err) => app.log.error({ err }, 'attachment sweep failed'));
  }, SWEEP_EVERY_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
