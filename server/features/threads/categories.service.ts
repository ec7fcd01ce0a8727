import { count, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { forumCategories } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { CategoryInput } from '../../../shared/threads.schema';
import { notFound } from '../../core/errors';
import { threadsService } from './threads.service';
import { recheckCategory } from './threads.socket';

/** Forum categories; coordinators decide per category what association accounts may do. */
export function categoriesService(app: FastifyInstance) {
  const { db } = app;
  const threads = threadsService(app);
  return {
    list: (user: SessionUser) => threads.categories(user),
    create(user: SessionUser, input: CategoryInput) {
      const position = db.select({ n: count() }).from(forumCategories).get()?.n ?? 0;
      return db.insert(forumCategories).values({ ...input, position, createdBy: user.id }).returning().get();
    },
    update(id: string, input: CategoryInput) {
      const row = db.update(forumCategories).set(input).where(eq(forumCategories.id, id)).returning().get();
      if (!row) throw notFound('Cette catégorie');
      recheckCategory(app, id);
      return row;
    },
  };
}
