import type { Socket } from 'socket.io-client';
import type { z } from 'zod';
import type { ServerEventDef } from '../../shared/live.contract';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/live';

/** A Socket.IO client typed by the shared declarations: a wrong event name or payload does not compile. */
export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One server → client event and what to do with its payload once it has parsed. */
export interface LiveListener {
  def: ServerEventDef;
  handler: (payload: never) => void;
}
export const on = <D extends ServerEventDef>(def: D, handler: (payload: z.output<D['payload']>) => void): LiveListener => ({ def, handler });

/**
 * Listens to one event, parsing each payload with the event's shared schema first: a malformed
 * one (a server newer or older than this page, a bug) is dropped and logged, and a handler that
 * throws is logged too, so neither can break the view. Returns the function that stops listening.
 */
export function listen<D extends ServerEventDef>(socket: LiveSocket, def: D, handler: (payload: z.output<D['payload']>) => void): () => void {
  const receive = (payload: unknown) => {
    const parsed = def.payload.safeParse(payload);
    if (!parsed.success) {
      console.warn(`Maillage : événement « ${def.name} » ignoré, contenu inattendu.`, parsed.error.issues);
      return;
    }
    try {
      handler(parsed.data as z.output<D['payload']>);
    } catch (err) {
      console.error(`Maillage : l’événement « ${def.name} » n’a pas pu être appliqué.`, err);
    }
  };
  // The typed `on` wants a literal event name; the declaration guarantees it is one of them.
  const raw = socket as unknown as Socket;
  raw.on(def.name, receive);
  return () => { raw.off(def.name, receive); };
}

/** Several listeners at once (a view's events); returns the function that removes them all. */
export function listenAll(socket: LiveSocket, listeners: LiveListener[]): () => void {
  const stops = listeners.map(({ def, handler }) => listen(socket, def, handler as (payload: unknown) => void));
  return () => stops.forEach((stop) => stop());
}
