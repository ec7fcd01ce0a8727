import { io } from 'socket.io-client';
import { connection } from './socket-connection';
import type { LiveSocket } from './live';

/** The one Socket.IO connection of the page, opened on first use; the session cookie authenticates it. */
export function getSocket(): LiveSocket {
  connection.socket ??= io({ path: '/socket.io', withCredentials: true });
  return connection.socket;
}
