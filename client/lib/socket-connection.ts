import type { LiveSocket } from './live';

/**
 * The page's one signed-in Socket.IO connection, kept apart from socket.io-client itself: signing
 * in or out (the auth store, in every page's first script) resets it without making a public
 * page's visitor download the client; `getSocket` (socket.ts) opens it for signed-in views.
 */
export const connection: { socket: LiveSocket | null } = { socket: null };

/** After sign-out or sign-in the connection must carry the new session. */
export function resetSocket(): void {
  connection.socket?.disconnect();
  connection.socket = null;
}
