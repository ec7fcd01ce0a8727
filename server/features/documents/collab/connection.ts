import type { WebSocket } from 'ws';
import type { SessionUser } from '../../../../shared/auth.schema';
import type { Room } from './room';

let nextId = 1;

/** One WebSocket of one person to one document. */
export class Connection {
  readonly id = nextId++;
  /** Awareness client ids this connection speaks for (nobody else may set or clear them). */
  readonly awarenessClients = new Set<number>();

  constructor(
    readonly ws: WebSocket,
    public user: SessionUser,
    /** The session it was opened with: re-read when access changes, and its end closes the connection. */
    readonly sessionId: string,
    /** Observers and people without write right: their updates are refused. */
    public readOnly: boolean,
    readonly room: Room,
    private readonly maxBufferedBytes: number,
  ) {}

  get open(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  send(message: Uint8Array): void {
    if (!this.open) return;
    // A client that cannot keep up would make the server hold every message for it.
    if (this.ws.bufferedAmount > this.maxBufferedBytes) {
      this.close(1013, 'Connexion trop lente : reconnexion nécessaire.');
      return;
    }
    this.ws.send(message);
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === this.ws.CLOSED || this.ws.readyState === this.ws.CLOSING) return;
    this.ws.close(code, fitReason(reason));
  }
}

/** A close reason is limited to 123 bytes by the protocol (ws throws past it). */
export function fitReason(reason: string): string {
  let fitted = reason;
  while (Buffer.byteLength(fitted) > 123) fitted = fitted.slice(0, -1);
  return fitted;
}
