import { and, desc, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../db/client';
import { actionNotifications, actions } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { ActionChange } from '../../../shared/actions.schema';
import type { Notification } from '../../../shared/threads.schema';
import { userRoom } from '../../core/socket-io';
import { THREAD_EVENTS } from '../../../shared/threads.schema';
import { people } from '../threads/threads.present';
import { actionAccess, type ActionRow } from './actions.policy';

type Row = typeof actionNotifications.$inferSelect;

/**
 * Action notifications as the threads feature's notifications list and digest show them (kind
 * `action`): one list, one unread count, one e-mail for the person.
 */
export function presentActionNotifications(db: Db, rows: Row[]): Notification[] {
  if (rows.length === 0) return [];
  const who = people(db, rows.map((r) => r.actorId));
  const titles = new Map(db.select({ id: actions.id, title: actions.title }).from(actions)
    .where(inArray(actions.id, [...new Set(rows.map((r) => r.actionId))])).all().map((a) => [a.id, a.title]));
  return rows.map((r) => ({
    id: r.id,
    kind: 'action' as const,
    thread: null,
    action: { id: r.actionId, title: titles.get(r.actionId) ?? '', change: r.change, state: r.state },
    messageId: null,
    actor: who.get(r.actorId) ?? { id: r.actorId, name: '—', organisationName: '' },
    excerpt: '',
    createdAt: r.createdAt.toISOString(),
    read: r.readAt !== null,
  }));
}

/** Inserts one notification per person (the actor excepted) and sends each live to its owner. */
export function notifyAction(app: FastifyInstance, action: ActionRow, actorId: string, change: ActionChange, userIds: string[]) {
  const to = [...new Set(userIds)].filter((id) => id !== actorId);
  if (to.length === 0) return;
  const inserted = app.db.insert(actionNotifications).values(to.map((userId) => ({ userId, actionId: action.id, actorId, change, state: action.state })))
    .returning().all();
  const presented = presentActionNotifications(app.db, inserted);
  inserted.forEach((row, i) => app.io.to(userRoom(row.userId)).emit(THREAD_EVENTS.notification, presented[i]));
}

const readable = (db: Db, user: SessionUser | null, actionId: string) => {
  const row = db.select().from(actions).where(eq(actions.id, actionId)).get();
  return !!row && actionAccess(db, user, row).canRead;
};

/** The person's latest action notifications, those of actions they may still see. */
export function listActionNotifications(db: Db, user: SessionUser, limit: number): Notification[] {
  const rows = db.select().from(actionNotifications).where(eq(actionNotifications.userId, user.id))
    .orderBy(desc(actionNotifications.createdAt)).limit(limit).all().filter((r) => readable(db, user, r.actionId));
  return presentActionNotifications(db, rows);
}

export function markActionNotificationsRead(db: Db, userId: string, ids?: string[]) {
  const mine = and(eq(actionNotifications.userId, userId), isNull(actionNotifications.readAt));
  db.update(actionNotifications).set({ readAt: new Date() }).where(ids ? and(mine, inArray(actionNotifications.id, ids)) : mine).run();
}

/** For the digest: unread, not yet e-mailed, older than `before`. */
export const pendingActionNotifications = (db: Db, before: Date) => db.select().from(actionNotifications)
  .where(and(isNull(actionNotifications.readAt), isNull(actionNotifications.emailedAt), lte(actionNotifications.createdAt, before))).all();

export function setActionNotificationsEmailed(db: Db, ids: string[], at: Date | null) {
  if (ids.length) db.update(actionNotifications).set({ emailedAt: at }).where(inArray(actionNotifications.id, ids)).run();
}

export { readable as actionReadable };
