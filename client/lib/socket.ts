import { io, type Socket } from 'socket.io-client';

let socket: Socket | null = null;

/** The one Socket.IO connection of the page, opened on first use; the session cookie authenticates it. */
export function getSocket(): Socket {
  socket ??= io({ path: '/socket.io', withCredentials: true });
  return socket;
}

/** After sign-out or sign-in the connection must carry the new session. */
export function resetSocket(): void {
  socket?.disconnect();
  socket = null;
}
