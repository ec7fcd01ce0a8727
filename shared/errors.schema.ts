import { z } from 'zod';

/** The one JSON error shape of the API: `message` is written for a person; `code` lets the client translate it. */
export const apiErrorSchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** On a validation error, each field's failed check as a code and parameters: the client words it in the person's language. */
  issues: z.array(z.object({ path: z.string(), code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) })).optional(),
  /** On a 429: how long to wait, so the client can say it in the person's language. */
  retryAfterSeconds: z.number().int().positive().optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

export const okSchema = z.object({ ok: z.literal(true) });

/** `status` is what monitoring tools read (contract: 200 `{"status":"ok"}`); `database` says whether SQLite answered. */
export const healthReplySchema = z.object({ status: z.literal('ok'), database: z.literal('ok') });
/** 503: the server runs but its database does not answer in time; also the usual error shape for people. */
export const healthDegradedSchema = apiErrorSchema.extend({ status: z.literal('degraded'), database: z.literal('unavailable') });
