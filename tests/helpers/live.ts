import type { Server } from 'socket.io';
import type { AppServer } from '../../server/core/socket-io';

/**
 * The server without its event types, for test-only events such as `marker` (sent after the
 * events under test: once it arrives, anything emitted before it would have arrived too).
 */
export const untyped = (io: AppServer) => io as unknown as Server;
