import { onBeforeUnmount, onMounted } from 'vue';
import type { Socket } from 'socket.io-client';
import { getSocket } from '../../lib/socket';

type Handlers = Record<string, (payload: any) => void>;

/**
 * Listens to Socket.IO events while the component is mounted. `onConnect` runs on the first
 * connection and after every reconnect: rooms are joined again and what was missed is fetched.
 */
export function useSocketEvents(handlers: Handlers, onConnect: (socket: Socket) => void) {
  let socket: Socket | null = null;
  const connected = () => onConnect(socket!);
  onMounted(() => {
    socket = getSocket();
    for (const [event, handler] of Object.entries(handlers)) socket.on(event, handler);
    socket.on('connect', connected);
    if (socket.connected) connected();
  });
  onBeforeUnmount(() => {
    if (!socket) return;
    for (const [event, handler] of Object.entries(handlers)) socket.off(event, handler);
    socket.off('connect', connected);
  });
  return { emit: (event: string, payload: unknown) => socket?.emit(event, payload) };
}
