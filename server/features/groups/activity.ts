import { and, desc, eq, lt, sql } from 'drizzle-orm';
import type { Server } from 'socket.io';
import type { Db } from '../../../db/client';
import { activity, users } from '../../../db/schema/index';
import { GROUP_EVENTS, type ActivityEntry, type ActivityKind, type GroupActivityPayload } from '../../../shared/groups.schema';
import { groupRoom } from './groups.policy';

/** Anything drizzle can write with: the database or a transaction of it. */
type Writer = Pick<Db, 'insert' | 'select'>;

export interface ActivityInput {
  groupId: string;
  /** Who did it (the signed-in person), or null for the platform itself. */
  userId: string | null;
  kind: ActivityKind;
  /** The person, document, thread… it was done to. */
  subjectId?: string;
  /** Its title or name at that moment (kept: the log still reads right after a rename). Plain text. */
  subjectTitle?: string;
  /** A code completing the kind, never free text: the new role (`lead`), the new status (`validated`). */
  detail?: string;
}

/**
 * Records one line of a group's recent activity ("who changed what, when").
 *
 * Contract, for every feature that calls it:
 * - Call it INSIDE the transaction of the change it describes (`db.transaction((tx) => { …;
 *   recordActivity(tx, {...}) })`): the line exists exactly when the change does.
 * - `kind` is one of ACTIVITY_KINDS (shared/groups.schema.ts); a new kind is added there AND in
 *   client/i18n/{fr,en}/groups.json under `activity.kinds` (the log is rendered in the reader's
 *   language from `kind`, `subjectTitle` and `detail`; never store a sentence).
 * - Only people who may read the group (`groupAccess().canRead`) see the log, so a subject title
 *   is fine to store; never put patient data or message bodies in it.
 * - For frequent events (document.edited) record at most one line per person and document every
 *   few minutes: debounce on your side.
 * - It does not notify anyone. After the commit, call `announceActivity(app.io, entry)` with the
 *   returned entry to update open group pages live.
 */
export function recordActivity(db: Writer, input: ActivityInput): ActivityEntry {
  const row = db.insert(activity).values({
    groupId: input.groupId,
    userId: input.userId,
    kind: input.kind,
    subjectId: input.subjectId ?? null,
    subjectTitle: input.subjectTitle?.slice(0, 300) ?? null,
    detail: input.detail?.slice(0, 60) ?? null,
  }).returning().get();
  const actor = row.userId ? db.select({ name: users.name }).from(users).where(eq(users.id, row.userId)).get() : undefined;
  return present({ ...row, actorName: actor?.name ?? null });
}

/** Sends a recorded entry to the group's room (readers only). Call after the commit. */
export function announceActivity(io: Server, groupId: string, entry: ActivityEntry): void {
  const payload: GroupActivityPayload = { groupId, entry };
  io.to(groupRoom(groupId)).emit(GROUP_EVENTS.activity, payload);
}

/** The newest entries first; `before` pages back in time. */
export function listActivity(db: Db, groupId: string, options: { limit: number; before?: string }): ActivityEntry[] {
  const where = options.before
    ? and(eq(activity.groupId, groupId), lt(activity.createdAt, new Date(options.before)))
    : eq(activity.groupId, groupId);
  return db.select({
    id: activity.id, kind: activity.kind, userId: activity.userId, actorName: users.name, subjectId: activity.subjectId,
    subjectTitle: activity.subjectTitle, detail: activity.detail, createdAt: activity.createdAt,
  }).from(activity).leftJoin(users, eq(users.id, activity.userId)).where(where)
    .orderBy(desc(activity.createdAt), desc(sql`"activity"."rowid"`)).limit(options.limit).all().map(present);
}

function present(row: {
  id: string; kind: string; userId: string | null; actorName: string | null; subjectId: string | null;
  subjectTitle: string | null; detail: string | null; createdAt: Date;
}): ActivityEntry {
  return {
    id: row.id, kind: row.kind, actorId: row.userId, actorName: row.actorName, subjectId: row.subjectId,
    subjectTitle: row.subjectTitle, detail: row.detail, createdAt: row.createdAt.toISOString(),
  };
}
