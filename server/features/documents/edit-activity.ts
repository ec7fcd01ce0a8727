import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { documents } from '../../../db/schema/index';
import { announceActivity, recordActivity } from '../groups/activity';
import type { CollabService } from './collab/collab.types';

/** One "edited" line per person and document at most this often: typing is not news. */
export const EDIT_ACTIVITY_EVERY_MS = 10 * 60_000;

/** Feeds the group's recent activity with who edited which document. */
export function trackEditActivity(app: FastifyInstance, collab: CollabService, now = () => Date.now()): void {
  const last = new Map<string, number>();
  collab.onPersisted(({ documentId, userIds }) => {
    const due = userIds.filter((u) => now() - (last.get(`${documentId}:${u}`) ?? 0) >= EDIT_ACTIVITY_EVERY_MS);
    if (due.length === 0) return;
    const document = app.db.select({ groupId: documents.groupId, title: documents.title }).from(documents).where(eq(documents.id, documentId)).get();
    if (!document) return;
    for (const userId of due) {
      last.set(`${documentId}:${userId}`, now());
      try {
        const entry = recordActivity(app.db, { groupId: document.groupId, userId, kind: 'document.edited', subjectId: documentId, subjectTitle: document.title });
        announceActivity(app.io, document.groupId, entry);
      } catch (err) {
        app.log.warn({ err, documentId }, 'edit activity not recorded');
      }
    }
    app.db.update(documents).set({ updatedAt: new Date() }).where(eq(documents.id, documentId)).run();
  });
}
