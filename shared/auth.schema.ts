import { z } from 'zod';
import { LIMITS } from './limits';
import { platformRoleSchema } from './roles';

export const emailSchema = z.string().trim().toLowerCase().max(LIMITS.emailMax).pipe(z.email());
export const passwordSchema = z.string().min(LIMITS.passwordMin).max(LIMITS.passwordMax);

export const loginBodySchema = z.object({
  email: emailSchema,
  // At sign-in any length is accepted so that the reply never says which rule a stored password breaks.
  password: z.string().min(1).max(LIMITS.passwordMax),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

/** The signed-in person as the client knows them. */
export const sessionUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: platformRoleSchema,
  organisationId: z.string(),
  organisationName: z.string(),
  locale: z.enum(['fr', 'en']),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const meReplySchema = z.object({ user: sessionUserSchema.nullable() });

// --- Password reset, password change, one's sessions. ------------------------------------------

export const passwordResetRequestSchema = z.object({ email: emailSchema });

/** The same words whatever the address: nobody learns from it who has an account. */
export const passwordResetRequestedSchema = z.object({ ok: z.literal(true) });

/**
 * Any text is accepted as a token and a wrong one is "no longer valid" (410 reset_invalid): a
 * person who opens a cut or old link reads a sentence, not a validation rule.
 */
export const passwordResetTokenParamsSchema = z.object({ token: z.string().max(100) });

/** What the reset page shows before the new password is chosen. */
export const passwordResetPreviewSchema = z.object({ email: z.string(), expiresAt: z.string() });

export const passwordResetBodySchema = z.object({ password: passwordSchema });

export const passwordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(LIMITS.passwordMax),
  newPassword: passwordSchema,
});

/** Browser and system read from the User-Agent; the client says them in words ("Chrome sur Windows"). */
export const BROWSERS = ['edge', 'opera', 'samsung', 'firefox', 'chrome', 'safari', 'other'] as const;
export const SYSTEMS = ['windows', 'macos', 'iphone', 'ipad', 'android', 'chromeos', 'linux', 'other'] as const;

export const activeSessionSchema = z.object({
  /** A handle derived from the session id: enough to end it, useless as a cookie. */
  id: z.string(),
  browser: z.enum(BROWSERS),
  system: z.enum(SYSTEMS),
  createdAt: z.string(),
  /** True to the hour (written with the sliding expiry). */
  lastUsedAt: z.string(),
  current: z.boolean(),
});
export type ActiveSession = z.infer<typeof activeSessionSchema>;

export const activeSessionListSchema = z.object({ sessions: z.array(activeSessionSchema) });
export const sessionParamsSchema = z.object({ id: z.string().min(1).max(64) });
