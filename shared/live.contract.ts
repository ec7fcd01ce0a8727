import { z } from 'zod';

/**
 * How a feature declares its Socket.IO events, once, for both sides: the name, the payload's
 * schema, and for client → server events the sentence a person reads when the payload is refused.
 * `shared/live.ts` gathers every feature's declarations into the types of the server and client.
 */

/** Every client → server event is acknowledged the same way: done, or a French sentence saying why not. */
export const liveAckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type LiveAck = z.infer<typeof liveAckSchema>;

export interface ClientEventDef<N extends string = string, P extends z.ZodType = z.ZodType> {
  name: N;
  payload: P;
  ack: typeof liveAckSchema;
  /** The ack's error when the payload does not parse (hostile or outdated client). */
  invalid: string;
}
export interface ServerEventDef<N extends string = string, P extends z.ZodType = z.ZodType> {
  name: N;
  payload: P;
}

export const clientEvent = <N extends string, P extends z.ZodType>(name: N, payload: P, invalid: string): ClientEventDef<N, P> =>
  ({ name, payload, ack: liveAckSchema, invalid });
export const serverEvent = <N extends string, P extends z.ZodType>(name: N, payload: P): ServerEventDef<N, P> => ({ name, payload });

/** Events that carry nothing still send an object: anything else is refused like a malformed payload. */
export const emptyPayloadSchema = z.strictObject({});
