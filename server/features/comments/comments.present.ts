import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { commentThreads, comments } from '../../../db/schema/index';
import type { CommentThread } from '../../../shared/comments.schema';
import type { PersonRef } from '../../../shared/threads.schema';
import { people } from '../threads/threads.present';
import type { ThreadRow } from './comments.policy';

const unknown = (id: string): PersonRef => ({ id, name: '—', organisationName: '' });

/** Threads as readers see them: a deleted comment keeps its place, not its text. */
export function presentThreads(db: Db, rows: ThreadRow[]): CommentThread[] {
  if (rows.length === 0) return [];
  const all = db.select().from(comments).where(inArray(comments.threadId, rows.map((r) => r.id)))
    .orderBy(asc(comments.position)).all();
  const who = people(db, [...rows.flatMap((r) => [r.createdBy, r.resolvedBy ?? '']), ...all.map((c) => c.authorId)].filter(Boolean));
  const person = (id: string) => who.get(id) ?? unknown(id);
  return rows.map((r) => ({
    id: r.id,
    documentId: r.documentId,
    anchorStart: r.anchorStart,
    anchorEnd: r.anchorEnd,
    quote: r.quote,
    createdBy: person(r.createdBy),
    createdAt: r.createdAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    resolvedBy: r.resolvedAt && r.resolvedBy ? person(r.resolvedBy) : null,
    comments: all.filter((c) => c.threadId === r.id).map((c) => ({
      id: c.id,
      author: person(c.authorId),
      body: c.deletedAt ? '' : c.body,
      createdAt: c.createdAt.toISOString(),
      editedAt: c.editedAt?.toISOString() ?? null,
      deleted: c.deletedAt !== null,
    })),
  }));
}

export function presentThread(db: Db, threadId: string): CommentThread {
  return presentThreads(db, [db.select().from(commentThreads).where(eq(commentThreads.id, threadId)).get()!])[0];
}

/** Every thread of a document, oldest first (the client orders them by their passage). */
export function documentThreads(db: Db, documentId: string): CommentThread[] {
  return presentThreads(db, db.select().from(commentThreads).where(eq(commentThreads.documentId, documentId)).orderBy(asc(commentThreads.createdAt)).all());
}
