import { onBeforeUnmount } from 'vue';
import { agendaToClient, agendaToServer } from '../../../shared/events.live';
import type { PublicAgenda } from '../../../shared/events.public.schema';
import { listenAll, on, type LiveSocket } from '../../lib/live';

/** What the public agenda does when the organisers publish or a seat is taken. */
interface AgendaLiveHandlers {
  published: (version: number) => void;
  availability: (availability: PublicAgenda['availability']) => void;
}

/**
 * The public agenda's live updates (the public namespace needs no account). Socket.IO's client is
 * loaded by `start`, which the view calls once the programme has painted: on a slowed phone its
 * download and the connection's set-up otherwise delayed that first paint, for updates that
 * matter only minutes later.
 */
export function useAgendaLive(slug: string, handlers: AgendaLiveHandlers) {
  let socket: LiveSocket | null = null;
  let stopped = false;
  onBeforeUnmount(() => {
    stopped = true;
    socket?.disconnect();
  });

  async function start() {
    let io: typeof import('socket.io-client').io;
    try {
      ({ io } = await import('socket.io-client'));
    } catch (err) {
      // A dropped connection while loading: the page stays readable, only without live updates.
      console.warn('Maillage : mises à jour en direct indisponibles.', err);
      return;
    }
    // The visitor may have left while the client was downloading.
    if (stopped || socket) return;
    const live: LiveSocket = io('/public', { path: '/socket.io', transports: ['websocket', 'polling'] });
    socket = live;
    live.on('connect', () => live.emit(agendaToServer.join.name, { slug }));
    listenAll(live, [
      on(agendaToClient.published, ({ version }) => handlers.published(version)),
      on(agendaToClient.availability, ({ availability }) => handlers.availability(availability)),
    ]);
  }
  return { start };
}
