import { onBeforeUnmount, onMounted } from 'vue';
import { getSocket } from './socket';
import { listenAll, type LiveListener, type LiveSocket } from './live';

/**
 * Listens to Socket.IO events while the component is mounted, each payload parsed with its shared
 * schema (client/lib/live.ts). `onConnect` runs on the first connection and after every reconnect:
 * rooms are joined again and what was missed is fetched.
 */
export function useLiveEvents(listeners: LiveListener[], onConnect: (socket: LiveSocket) => void) {
  let socket: LiveSocket | null = null;
  let stop = () => {};
  const connected = () => onConnect(socket!);
  onMounted(() => {
    socket = getSocket();
    stop = listenAll(socket, listeners);
    socket.on('connect', connected);
    if (socket.connected) connected();
  });
  onBeforeUnmount(() => {
    if (!socket) return;
    stop();
    socket.off('connect', connected);
  });
}
