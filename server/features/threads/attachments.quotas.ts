import { and, count, eq, gt, isNull, min, sum } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { messageAttachments } from '../../../db/schema/index';
import { UPLOAD_QUOTAS, type UploadQuotas } from '../../../shared/limits';
import { AppError, sizeInWords } from '../../core/errors';

const HOUR = 3600_000;

interface Usage { files: number; bytes: number; oldest: Date | null }

function usage(db: Db, uploaderId: string, since: Date | null): Usage {
  const row = db.select({ files: count(), bytes: sum(messageAttachments.size), oldest: min(messageAttachments.createdAt) })
    .from(messageAttachments)
    .where(and(eq(messageAttachments.uploaderId, uploaderId), since ? gt(messageAttachments.createdAt, since) : isNull(messageAttachments.messageId)))
    .get();
  return { files: row?.files ?? 0, bytes: Number(row?.bytes ?? 0), oldest: row?.oldest ?? null };
}

/**
 * The disk one account may fill with attachments (UPLOAD_QUOTAS, per account: colleagues behind
 * one address keep theirs). Asked before the file is read (size 0: is anything left?) and again,
 * with its size, right before its row is written: both run without awaiting in between, so two
 * uploads at once cannot both take the last place.
 */
export function checkUploadQuota(db: Db, uploaderId: string, size: number, overrides: Partial<UploadQuotas> = {}, now = new Date()): void {
  const quotas = { ...UPLOAD_QUOTAS, ...overrides };
  const unposted = usage(db, uploaderId, null);
  if (unposted.files + 1 > quotas.unposted.files || unposted.bytes + size > quotas.unposted.bytes) {
    throw new AppError(409, 'upload_quota',
      `Vous avez déjà ${unposted.files} fichier(s) (${sizeInWords(unposted.bytes)}) envoyés mais pas encore publiés, la limite est de ${quotas.unposted.files} fichiers ou ${sizeInWords(quotas.unposted.bytes)} : publiez votre message avant de joindre d'autres fichiers (les fichiers jamais publiés sont effacés après quelques heures).`);
  }
  for (const [window, span, label] of [['perHour', HOUR, 'dans l’heure'], ['perDay', 24 * HOUR, 'sur 24 heures']] as const) {
    const used = usage(db, uploaderId, new Date(now.getTime() - span));
    const limit = quotas[window];
    if (used.files + 1 > limit.files || used.bytes + size > limit.bytes) {
      const retryAfterSeconds = Math.max(1, Math.ceil(((used.oldest?.getTime() ?? now.getTime()) + span - now.getTime()) / 1000));
      throw new AppError(429, 'upload_quota',
        `Vous avez envoyé ${used.files} fichier(s) (${sizeInWords(used.bytes)}) ${label}, la limite est de ${limit.files} fichiers ou ${sizeInWords(limit.bytes)} par personne. Réessayez plus tard.`,
        undefined, retryAfterSeconds);
    }
  }
}
