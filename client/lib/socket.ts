import { io } from 'socket.io-client';
import type { LiveSocket } from './live';

let socket: LiveSocket | null = null;

/** The one Socket.IO connection of the page, opened on first use; the session cookie authenticates it. */
export function getSocket(): LiveSocket {
  socket ??= io({ path: '/socket.io', withCredentials: true });
  return socket;
}

/** After sign-out or sign-in the connection must carry the new session. */
export function resetSocket(): void {
  socket?.disconnect();
  socket = null;
}
