import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { messageReactions } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import { badRequest } from '../../core/errors';
import { readableMessage } from './messages.service';
import { presentMessages } from './threads.present';
import { live } from './threads.live';

/** Reactions toggle: the same emoji again takes it back. Observers may react: it is not a post. */
export function reactionsService(app: FastifyInstance) {
  const { db } = app;
  const announce = live(app);
  return {
    toggle(user: SessionUser, messageId: number, emoji: string) {
      const { row, access } = readableMessage(db, user, messageId);
      if (row.deletedAt || row.hiddenAt) throw badRequest('On ne peut pas réagir à ce message.');
      const mine = and(eq(messageReactions.messageId, messageId), eq(messageReactions.userId, user.id), eq(messageReactions.emoji, emoji));
      const removed = db.delete(messageReactions).where(mine).run().changes;
      if (!removed) db.insert(messageReactions).values({ messageId, userId: user.id, emoji }).run();
      announce.messageUpdated(presentMessages(db, [row], { canModerate: false })[0]);
      return presentMessages(db, [row], access)[0];
    },
  };
}
