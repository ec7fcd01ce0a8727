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
