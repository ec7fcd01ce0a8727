import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { threads } from '../../../db/schema/index';
import { onLive, socketsIn, userRoom, type AppSocket } from '../../core/socket-io';
import { THREAD_EVENTS } from '../../../shared/threads.schema';
import { threadsToServer } from '../../../shared/threads.live';
import { scopeAccess, threadAccess } from './threads.policy';
import { groupAccess } from '../groups/groups.policy';
import { forumRoom, groupRoom, threadRoom } from './threads.live';
import { readableCategories, readableGroupIds } from './threads.service';

export function registerThreadsSocket(app: FastifyInstance) {
  /** Sockets keeping unread counts: they also enter the room of a group their person joins later. */
  const subscribed = new WeakSet<AppSocket>();

  app.io.on('connection', (socket) => {
    const user = () => socket.data.user;

    onLive(socket, threadsToServer.join, ({ threadId }, reply) => {
      // Checked and joined in the same tick: no access change slips in between.
      if (!threadAccess(app.db, user(), threadId).canRead) return reply({ ok: false, error: 'Cette discussion est introuvable.' });
      void socket.join(threadRoom(threadId));
      reply({ ok: true });
    });

    onLive(socket, threadsToServer.leave, ({ threadId }, reply) => {
      void socket.leave(threadRoom(threadId));
      reply({ ok: true });
    });

    // "Typing" is advisory: at most one per second per connection reaches the policy and the room.
    let lastTyping = 0;
    onLive(socket, threadsToServer.typing, ({ threadId }, reply) => {
      const room = threadRoom(threadId);
      if (Date.now() - lastTyping < 1000 || !socket.rooms.has(room) || !threadAccess(app.db, user(), threadId).canReply) return reply({ ok: true });
      lastTyping = Date.now();
      socket.to(room).emit(THREAD_EVENTS.typing, { threadId, user: { id: user().id, name: user().name } });
      reply({ ok: true });
    });

    // Unread counts: the rooms of every group and forum category this person may read.
    onLive(socket, threadsToServer.subscribe, (_payload, reply) => {
      const rooms = [
        ...readableGroupIds(app.db, user()).map(groupRoom),
        ...readableCategories(app.db, user()).map(({ c }) => forumRoom(c.id)),
      ];
      void socket.join(rooms);
      subscribed.add(socket);
      reply({ ok: true });
    });
  });

  app.bus.on('group.access.changed', ({ groupId, userId }) => socketsIn(app.io, [userRoom(userId)]).forEach((s) => {
    recheck(app, s);
    if (subscribed.has(s) && groupAccess(app.db, s.data.user, groupId).canRead) void s.join(groupRoom(groupId));
  }));
  app.bus.on('user.access.changed', ({ userId }) => socketsIn(app.io, [userRoom(userId)]).forEach((s) => recheck(app, s)));
  app.bus.on('group.changed', ({ groupId }) => recheckGroupThreads(app, groupId));
}

/**
 * A group's visibility changed: only the rooms of its threads can be affected. One query finds
 * them, and the policy is asked once per person in them, not once per socket and room.
 */
function recheckGroupThreads(app: FastifyInstance, groupId: string) {
  const rooms = app.db.select({ id: threads.id }).from(threads).where(eq(threads.groupId, groupId)).all().map(({ id }) => threadRoom(id));
  const mayRead = new Map<string, boolean>();
  for (const socket of socketsIn(app.io, rooms)) {
    const { user } = socket.data;
    if (!mayRead.has(user.id)) mayRead.set(user.id, groupAccess(app.db, user, groupId).canRead);
    if (mayRead.get(user.id)) continue;
    for (const room of rooms) if (socket.rooms.has(room)) void socket.leave(room);
  }
}

/** Leaves every thread or forum room the person may no longer read. */
function recheck(app: FastifyInstance, socket: AppSocket) {
  const { user } = socket.data;
  for (const room of socket.rooms) {
    const [kind, id] = room.split(':');
    if (!id) continue;
    const allowed = kind === 'thread' ? threadAccess(app.db, user, id).canRead
      : kind === 'forum' ? scopeAccess(app.db, user, { groupId: null, categoryId: id }).canRead : true;
    if (!allowed) void socket.leave(room);
  }
}

/** A thread moved to another space: only those following it may have lost it. */
export function recheckThread(app: FastifyInstance, threadId: string) {
  for (const socket of socketsIn(app.io, [threadRoom(threadId)])) recheck(app, socket);
}

/** A forum category's settings changed: its room and the rooms of its threads, nobody else. */
export function recheckCategory(app: FastifyInstance, categoryId: string) {
  const rooms = app.db.select({ id: threads.id }).from(threads).where(eq(threads.categoryId, categoryId)).all().map(({ id }) => threadRoom(id));
  for (const socket of socketsIn(app.io, [forumRoom(categoryId), ...rooms])) recheck(app, socket);
}
