import type { z } from 'zod';
import type { ClientEventDef, LiveAck, ServerEventDef } from './live.contract';
import type { actionsToClient } from './actions.live';
import type { commentsToClient, commentsToServer } from './comments.live';
import type { documentsToClient } from './documents.live';
import type { agendaToClient, agendaToServer, eventsToClient, eventsToServer } from './events.live';
import type { groupsToClient, groupsToServer } from './groups.live';
import type { reviewToClient } from './review.live';
import type { threadsToClient, threadsToServer } from './threads.live';

/**
 * Every live event of the app, gathered from each feature's `shared/<feature>.live.ts` into the
 * event maps that type the Socket.IO server (server/core/socket-io.ts) and client (client/lib/live.ts).
 * Types only: a page that follows one feature's events loads only that feature's schemas.
 */
type Defs<T> = T[keyof T];

export type ClientEvent =
  | Defs<typeof threadsToServer> | Defs<typeof groupsToServer> | Defs<typeof commentsToServer>
  | Defs<typeof eventsToServer> | Defs<typeof agendaToServer>;
export type ServerEvent =
  | Defs<typeof threadsToClient> | Defs<typeof groupsToClient> | Defs<typeof commentsToClient> | Defs<typeof documentsToClient>
  | Defs<typeof reviewToClient> | Defs<typeof actionsToClient> | Defs<typeof eventsToClient> | Defs<typeof agendaToClient>;

/** What a handler receives once the payload has parsed. */
export type PayloadOf<D extends ClientEventDef | ServerEventDef> = z.output<D['payload']>;

export type ClientToServerEvents = {
  [D in ClientEvent as D['name']]: (payload: z.input<D['payload']>, ack?: (reply: LiveAck) => void) => void;
};
export type ServerToClientEvents = {
  [D in ServerEvent as D['name']]: (payload: z.input<D['payload']>) => void;
};
