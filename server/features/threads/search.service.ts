import { and, desc, inArray, isNull, or, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { threadMessages, threads, users } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import { MATCH_END, MATCH_START, type SearchResult } from '../../../shared/threads.schema';
import { presentThreads } from './threads.present';
import { threadAccess } from './threads.policy';
import { readableCategories, readableGroupIds } from './threads.service';

/** Each word becomes a quoted prefix term: user input never reaches FTS5 syntax. */
export function ftsQuery(q: string): string | null {
  const words = q.split(/\s+/).map((w) => w.replace(/["*^():]/g, '')).filter((w) => w.length > 0).slice(0, 8);
  return words.length ? words.map((w) => `"${w}"*`).join(' ') : null;
}

/** Search of threads and messages a person may read (scopes first, then the policy per thread). */
export function searchService(app: FastifyInstance) {
  const { db } = app;
  return {
    search(user: SessionUser, q: string): SearchResult {
      const match = ftsQuery(q);
      const groupIds = readableGroupIds(db, user);
      const categoryIds = readableCategories(db, user).map(({ c }) => c.id);
      if (!match || (groupIds.length === 0 && categoryIds.length === 0)) return { threads: [], messages: [] };
      const inScope = or(
        groupIds.length ? inArray(threads.groupId, groupIds) : sql`0`,
        categoryIds.length ? inArray(threads.categoryId, categoryIds) : sql`0`,
      );
      const threadRows = db.select().from(threads)
        .where(and(inScope, sql`${threads}.rowid IN (SELECT rowid FROM threads_fts WHERE threads_fts MATCH ${match})`))
        .orderBy(desc(threads.lastMessageAt)).limit(20).all()
        .filter((t) => threadAccess(db, user, t.id).canRead);
      const messageRows = db.select({
        id: threadMessages.id, threadId: threadMessages.threadId, threadTitle: threads.title, authorName: users.name, createdAt: threadMessages.createdAt,
        snippet: sql<string>`snippet(thread_messages_fts, 0, ${MATCH_START}, ${MATCH_END}, '…', 16)`,
      }).from(sql`thread_messages_fts`)
        .innerJoin(threadMessages, sql`${threadMessages.id} = thread_messages_fts.rowid`)
        .innerJoin(threads, sql`${threads.id} = ${threadMessages.threadId}`)
        .innerJoin(users, sql`${users.id} = ${threadMessages.authorId}`)
        .where(and(sql`thread_messages_fts MATCH ${match}`, inScope, isNull(threadMessages.deletedAt), isNull(threadMessages.hiddenAt)))
        .orderBy(sql`rank`).limit(50).all()
        .filter((m) => threadAccess(db, user, m.threadId).canRead);
      return {
        threads: presentThreads(db, threadRows, user.id),
        messages: messageRows.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
      };
    },
  };
}
