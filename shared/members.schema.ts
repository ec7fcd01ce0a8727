import { z } from 'zod';
import { LIMITS } from './limits';
import { platformRoleSchema } from './roles';
import { departementSchema } from './departements';

export const memberSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: platformRoleSchema,
  profession: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  departement: z.string(),
  bio: z.string(),
  disabled: z.boolean(),
});
export type Member = z.infer<typeof memberSchema>;

export const memberListSchema = z.object({ members: z.array(memberSchema), total: z.number().int() });

export const memberSearchQuerySchema = z.object({
  q: z.string().trim().max(LIMITS.searchQueryMax).optional(),
  organisationId: z.string().max(64).optional(),
  departement: z.string().max(3).optional(),
  /** Coordinators only: also list disabled accounts, to re-enable them. */
  includeDisabled: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const profileInputSchema = z.object({
  name: z.string().trim().min(2).max(LIMITS.nameMax),
  profession: z.string().trim().max(LIMITS.professionMax),
  /** Coordinators only may change it; others may send it unchanged (or leave it out). */
  organisationId: z.string().min(1).max(64).optional(),
  departement: z.union([departementSchema, z.literal('')]),
  bio: z.string().trim().max(LIMITS.bioMax),
  locale: z.enum(['fr', 'en']),
});
export type ProfileInput = z.infer<typeof profileInputSchema>;

/** What a coordinator may change on an account. */
export const memberAdminInputSchema = z.object({
  role: platformRoleSchema.optional(),
  disabled: z.boolean().optional(),
  organisationId: z.string().min(1).max(64).optional(),
});

export const memberParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const memberReplySchema = z.object({ member: memberSchema });

/**
 * A reset link issued by a coordinator. With SMTP it goes only to the person's mailbox
 * (`link` is null); without, or when sending failed, the coordinator copies it.
 */
export const resetLinkReplySchema = z.object({
  emailSent: z.boolean(),
  link: z.string().nullable(),
  expiresAt: z.string(),
});
export type ResetLinkReply = z.infer<typeof resetLinkReplySchema>;
