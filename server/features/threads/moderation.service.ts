import { and, asc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { messageReports, threadMessages, threadMutes, threads } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { Report } from '../../../shared/threads.schema';
import { badRequest, forbidden, notFound } from '../../core/errors';
import { readableMessage } from './messages.service';
import { people, presentMessages } from './threads.present';
import { muteScope, scopeAccess, type ThreadScope } from './threads.policy';
import { live } from './threads.live';
import { plainExcerpt } from './markdown';

const NOT_MODERATOR = 'Seuls les animateurs et la coordination modèrent les discussions.';

/** Hiding with a reason, muting a person in a group (or the forum), reports and their review queue. */
export function moderationService(app: FastifyInstance) {
  const { db } = app;
  const announce = live(app);

  const setHidden = (moderator: SessionUser, messageId: number, reason: string | null) => {
    const { access } = readableMessage(db, moderator, messageId);
    if (!access.canModerate) throw forbidden(NOT_MODERATOR);
    const updated = db.update(threadMessages).set(reason === null
      ? { hiddenAt: null, hiddenReason: null, hiddenBy: null }
      : { hiddenAt: new Date(), hiddenReason: reason, hiddenBy: moderator.id }).where(eq(threadMessages.id, messageId)).returning().get();
    announce.messageUpdated(presentMessages(db, [updated], { canModerate: false })[0]);
    return presentMessages(db, [updated], access)[0];
  };

  const scopeFor = (groupId: string | null | undefined): ThreadScope => ({ groupId: groupId ?? null, categoryId: null });
  const mayMute = (user: SessionUser, groupId: string | null | undefined) => {
    const allowed = groupId ? scopeAccess(db, user, scopeFor(groupId)).canModerate : user.role === 'coordinator';
    if (!allowed) throw forbidden(NOT_MODERATOR);
  };

  return {
    hide: (moderator: SessionUser, messageId: number, reason: string) => setHidden(moderator, messageId, reason),
    unhide: (moderator: SessionUser, messageId: number) => setHidden(moderator, messageId, null),

    report(user: SessionUser, messageId: number, reason: string) {
      const { row } = readableMessage(db, user, messageId);
      if (row.deletedAt) throw badRequest('Ce message a été supprimé.');
      db.insert(messageReports).values({ messageId, reporterId: user.id, reason }).run();
    },

    queue(user: SessionUser): Report[] {
      if (user.role !== 'coordinator') throw forbidden();
      const rows = db.select({ report: messageReports, message: threadMessages, title: threads.title })
        .from(messageReports).innerJoin(threadMessages, eq(threadMessages.id, messageReports.messageId))
        .innerJoin(threads, eq(threads.id, threadMessages.threadId))
        .where(isNull(messageReports.resolvedAt)).orderBy(asc(messageReports.createdAt)).limit(200).all();
      const who = people(db, rows.flatMap((r) => [r.report.reporterId, r.message.authorId]));
      const person = (id: string) => who.get(id) ?? { id, name: '—', organisationName: '' };
      return rows.map(({ report, message, title }) => ({
        id: report.id, reason: report.reason, createdAt: report.createdAt.toISOString(), reporter: person(report.reporterId),
        message: { id: message.id, excerpt: plainExcerpt(message.source, 400), author: person(message.authorId), hidden: message.hiddenAt !== null },
        thread: { id: message.threadId, title },
      }));
    },

    resolve(user: SessionUser, reportId: string, action: 'dismiss' | 'hide', reason?: string) {
      if (user.role !== 'coordinator') throw forbidden();
      const report = db.select().from(messageReports).where(eq(messageReports.id, reportId)).get();
      if (!report) throw notFound('Ce signalement');
      if (action === 'hide') setHidden(user, report.messageId, reason || report.reason);
      // Every open report of the same message is settled by one decision.
      db.update(messageReports).set({ resolvedAt: new Date(), resolvedBy: user.id, resolution: action === 'hide' ? 'hidden' : 'dismissed' })
        .where(and(eq(messageReports.messageId, report.messageId), isNull(messageReports.resolvedAt))).run();
    },

    mute(user: SessionUser, groupId: string | null | undefined, userId: string) {
      mayMute(user, groupId);
      if (userId === user.id) throw badRequest('Vous ne pouvez pas vous rendre muet vous-même.');
      db.insert(threadMutes).values({ scope: muteScope(scopeFor(groupId)), userId, mutedBy: user.id }).onConflictDoNothing().run();
    },

    unmute(user: SessionUser, groupId: string | null | undefined, userId: string) {
      mayMute(user, groupId);
      db.delete(threadMutes).where(and(eq(threadMutes.scope, muteScope(scopeFor(groupId))), eq(threadMutes.userId, userId))).run();
    },

    mutes(user: SessionUser, groupId: string | null | undefined) {
      mayMute(user, groupId);
      const ids = db.select({ id: threadMutes.userId }).from(threadMutes).where(eq(threadMutes.scope, muteScope(scopeFor(groupId)))).all().map((r) => r.id);
      return ids.length ? [...people(db, ids).values()] : [];
    },
  };
}
