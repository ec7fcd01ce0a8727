import type { AppServer, AppSocket } from '../../server/core/socket-io';
import { onLive } from '../../server/core/socket-io';
import { listen, type LiveSocket } from '../../client/lib/live';
import { threadsToClient, threadsToServer } from '../../shared/threads.live';
import { THREAD_EVENTS } from '../../shared/threads.schema';

/**
 * Compiled by `vue-tsc`, never run: both sides are typed by the shared declaration, so each line
 * marked `@ts-expect-error` must stay an error (if the types loosened, vue-tsc would fail on the
 * unused directive).
 */
export function liveContractTypes(client: LiveSocket, server: AppServer, socket: AppSocket) {
  // @ts-expect-error an event nobody declared
  client.emit('thread:joinn', { threadId: 't1' });
  // @ts-expect-error the payload of another event
  client.emit(threadsToServer.join.name, { groupId: 'g1' });
  // @ts-expect-error the ack is a LiveAck, not a string
  client.emit(threadsToServer.join.name, { threadId: 't1' }, (ack: string) => ack);
  // @ts-expect-error a server event nobody declared
  server.to('thread:t1').emit('thread:mesage', {});
  // @ts-expect-error a payload that does not match the declaration
  server.to('thread:t1').emit(THREAD_EVENTS.threadUpdated, { thread: 't1' });
  // @ts-expect-error handlers receive the parsed payload's type
  listen(client, threadsToClient.threadUpdated, (e) => e.documentId);
  // @ts-expect-error the server handler too
  onLive(socket, threadsToServer.join, ({ groupId }) => groupId);

  // And the right ones compile.
  client.emit(threadsToServer.join.name, { threadId: 't1' }, (ack) => ack.ok);
  server.to('thread:t1').emit(THREAD_EVENTS.threadUpdated, { threadId: 't1' });
  listen(client, threadsToClient.threadUpdated, (e) => e.threadId);
  onLive(socket, threadsToServer.join, ({ threadId }, reply) => reply(threadId ? { ok: true } : { ok: false, error: 'Non.' }));
}
