import { z } from 'zod';
import { LIMITS } from './limits';
import { platformRoleSchema } from './roles';
import { emailSchema, passwordSchema } from './auth.schema';
import { departementSchema } from './departements';

export const invitationInputSchema = z.object({
  email: emailSchema,
  role: platformRoleSchema,
  organisationId: z.string().min(1).max(64),
});
export type InvitationInput = z.infer<typeof invitationInputSchema>;

export const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: platformRoleSchema,
  organisationId: z.string(),
  organisationName: z.string(),
  invitedByName: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  acceptedAt: z.string().nullable(),
  status: z.enum(['pending', 'accepted', 'expired', 'revoked']),
});
export type Invitation = z.infer<typeof invitationSchema>;

/** What the coordinator gets back: the link is shown so it can be copied when no e-mail was sent. */
export const invitationCreatedSchema = z.object({
  invitation: invitationSchema,
  link: z.string(),
  emailSent: z.boolean(),
});

export const invitationListSchema = z.object({ invitations: z.array(invitationSchema) });

export const invitationTokenParamsSchema = z.object({ token: z.string().min(16).max(128) });

/** What the invitee sees before accepting. */
export const invitationPreviewSchema = z.object({
  email: z.string(),
  organisationName: z.string(),
  role: platformRoleSchema,
  expiresAt: z.string(),
});

export const acceptInvitationSchema = z.object({
  name: z.string().trim().min(2).max(LIMITS.nameMax),
  password: passwordSchema,
  profession: z.string().trim().max(LIMITS.professionMax).optional(),
  departement: departementSchema.optional(),
});
export type AcceptInvitation = z.infer<typeof acceptInvitationSchema>;
