import type { FastifyInstance } from 'fastify';
import type { Socket } from 'socket.io';
import { userRoom, type SocketData } from '../../core/socket-io';
import { socketThreadSchema, THREAD_EVENTS, type SocketAck } from '../../../shared/threads.schema';
import { scopeAccess, threadAccess } from './threads.policy';
import { groupAccess } from '../groups/groups.policy';
import { forumRoom, groupRoom, threadRoom } from './threads.live';
import { readableCategories, readableGroupIds } from './threads.service';

/** Client → server messages of this feature; every payload is parsed with its shared schema. */
export const THREAD_SOCKET_MESSAGES = { join: 'thread:join', leave: 'thread:leave', typing: 'thread:typing', subscribe: 'threads:subscribe' } as const;

const INVALID: SocketAck = { ok: false, error: 'Message invalide : un identifiant de discussion est attendu.' };

export function registerThreadsSocket(app: FastifyInstance) {
  const nsp = app.io.of('/');
  /** Sockets keeping unread counts: they also enter the room of a group their person joins later. */
  const subscribed = new WeakSet<Socket>();
  const userOf = (socket: Socket) => (socket.data as SocketData).user;

  app.io.on('connection', (socket: Socket) => {
    const reply = (ack: unknown, r: SocketAck) => { if (typeof ack === 'function') ack(r); };

    socket.on(THREAD_SOCKET_MESSAGES.join, (payload: unknown, ack?: unknown) => {
      const parsed = socketThreadSchema.safeParse(payload);
      if (!parsed.success) return reply(ack, INVALID);
      // Checked and joined in the same tick: no access change slips in between.
      if (!threadAccess(app.db, userOf(socket), parsed.data.threadId).canRead) return reply(ack, { ok: false, error: 'Cette discussion est introuvable.' });
      void socket.join(threadRoom(parsed.data.threadId));
      reply(ack, { ok: true });
    });

    socket.on(THREAD_SOCKET_MESSAGES.leave, (payload: unknown) => {
      const parsed = socketThreadSchema.safeParse(payload);
      if (parsed.success) void socket.leave(threadRoom(parsed.data.threadId));
    });

    // "Typing" is advisory: at most one per second per connection reaches the policy and the room.
    let lastTyping = 0;
    socket.on(THREAD_SOCKET_MESSAGES.typing, (payload: unknown) => {
      const parsed = socketThreadSchema.safeParse(payload);
      if (!parsed.success || Date.now() - lastTyping < 1000) return;
      const room = threadRoom(parsed.data.threadId);
      const user = userOf(socket);
      if (!socket.rooms.has(room) || !threadAccess(app.db, user, parsed.data.threadId).canReply) return;
      lastTyping = Date.now();
      socket.to(room).emit(THREAD_EVENTS.typing, { threadId: parsed.data.threadId, user: { id: user.id, name: user.name } });
    });

    // Unread counts: the rooms of every group and forum category this person may read.
    socket.on(THREAD_SOCKET_MESSAGES.subscribe, (_payload: unknown, ack?: unknown) => {
      const user = userOf(socket);
      const rooms = [
        ...readableGroupIds(app.db, user).map(groupRoom),
        ...readableCategories(app.db, user).map(({ c }) => forumRoom(c.id)),
      ];
      void socket.join(rooms);
      subscribed.add(socket);
      reply(ack, { ok: true });
    });
  });

  const socketsIn = (room: string): Socket[] =>
    [...(nsp.adapter.rooms.get(room) ?? [])].map((id) => nsp.sockets.get(id)).filter((s): s is Socket => !!s);
  app.bus.on('group.access.changed', ({ groupId, userId }) => socketsIn(userRoom(userId)).forEach((s) => {
    recheck(app, s);
    if (subscribed.has(s) && groupAccess(app.db, userOf(s), groupId).canRead) void s.join(groupRoom(groupId));
  }));
  app.bus.on('user.access.changed', ({ userId }) => socketsIn(userRoom(userId)).forEach((s) => recheck(app, s)));
  app.bus.on('group.changed', () => recheckAllSockets(app));
}

/** Leaves every thread or forum room the person may no longer read. */
function recheck(app: FastifyInstance, socket: Socket) {
  const user = (socket.data as SocketData).user;
  for (const room of socket.rooms) {
    const [kind, id] = room.split(':');
    if (!id) continue;
    const allowed = kind === 'thread' ? threadAccess(app.db, user, id).canRead
      : kind === 'forum' ? scopeAccess(app.db, user, { groupId: null, categoryId: id }).canRead : true;
    if (!allowed) void socket.leave(room);
  }
}

/** After a change of who reads what (a category's settings, a moved thread). */
export function recheckAllSockets(app: FastifyInstance) {
  for (const socket of app.io.of('/').sockets.values()) recheck(app, socket);
}
