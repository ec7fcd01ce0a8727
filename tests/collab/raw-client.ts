import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { socketClass } from './collab-clients';

export interface Closed { code: number; reason: string }

const syncFrame = (syncType: number, payload: Uint8Array) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, syncType);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
};
export const updateFrame = (update: Uint8Array) => syncFrame(2, update);

/**
 * A bare y-websocket client that sends exactly the frames a test gives it (a provider would
 * resend and reconnect on its own). Frames of one connection are handled in order, so the
 * answer to a sync step 1 sent after a frame means the server has handled that frame.
 */
export class RawClient {
  readonly doc = new Y.Doc();
  closed: Closed | null = null;
  private waiting: Array<(ok: boolean) => void> = [];
  private readonly ws: InstanceType<ReturnType<typeof socketClass>>;
  private readonly opened: Promise<void>;

  constructor(baseUrl: string, documentId: string, cookie: string) {
    const Ws = socketClass(cookie);
    this.ws = new Ws(`${baseUrl.replace(/^http/, 'ws')}/collab/${documentId}`);
    this.opened = new Promise((resolve, reject) => {
      this.ws.on('open', () => resolve());
      this.ws.on('error', (err: Error) => { if (!this.closed) reject(err); });
    });
    this.ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data)));
    this.ws.on('close', (code: number, reason: Buffer) => {
      this.closed = { code, reason: reason.toString() };
      for (const w of this.waiting.splice(0)) w(false);
    });
  }

  private receive(frame: Uint8Array): void {
    const d = decoding.createDecoder(frame);
    if (decoding.readVarUint(d) !== 0) return;
    const type = decoding.readVarUint(d);
    if (type === 0) return;
    Y.applyUpdate(this.doc, decoding.readVarUint8Array(d), 'server');
    if (type === 1) this.waiting.shift()?.(true);
  }

  /** Connects and receives the whole document. */
  async ready(): Promise<this> {
    await this.opened;
    await this.sync();
    return this;
  }

  /** Sends sync step 1 and waits for the answer (false when the server closed instead). */
  sync(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    const answered = new Promise<boolean>((resolve) => this.waiting.push(resolve));
    this.ws.send(syncFrame(0, Y.encodeStateVector(this.doc)));
    return answered;
  }

  /** Sends a frame, then waits until the server has handled it: true if still connected. */
  async send(frame: Uint8Array): Promise<boolean> {
    if (this.closed) return false;
    this.ws.send(frame);
    return this.sync();
  }

  /** Applies a change locally and sends exactly its update. */
  change(edit: (doc: Y.Doc) => void): Promise<boolean> {
    const before = Y.encodeStateVector(this.doc);
    edit(this.doc);
    return this.send(updateFrame(Y.encodeStateAsUpdate(this.doc, before)));
  }

  close(): void {
    this.ws.close();
  }
}
