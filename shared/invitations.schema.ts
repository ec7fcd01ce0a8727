import { z } from 'zod';
import { LEAD_INVITATIONS, LIMITS } from './limits';
import { groupRoleSchema, platformRoleSchema } from './roles';
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
  /** A lead's invitation into a group (null: a coordinator's, into the platform only). */
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  groupRole: groupRoleSchema.nullable(),
  inviteeChoosesOrganisation: z.boolean(),
});
export type Invitation = z.infer<typeof invitationSchema>;

/**
 * What the inviter gets back: the link to copy when no e-mail was sent. A coordinator always gets
 * it; a lead only then (null once e-mailed: only the invitee's mailbox holds it).
 */
export const invitationCreatedSchema = z.object({
  invitation: invitationSchema,
  link: z.string().nullable(),
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
  /** A lead's invitation: the group the account joins, with this role, and who invites. */
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  groupRole: groupRoleSchema.nullable(),
  invitedByName: z.string(),
  /** When the invitee chooses their organisation: the ones offered (the platform's own is not). */
  organisationChoices: z.array(z.object({ id: z.string(), name: z.string() })).nullable(),
});

export const acceptInvitationSchema = z.object({
  name: z.string().trim().min(2).max(LIMITS.nameMax),
  password: passwordSchema,
  profession: z.string().trim().max(LIMITS.professionMax).optional(),
  departement: departementSchema.optional(),
  /** Only for invitations that let the invitee choose; one of `organisationChoices`. */
  organisationId: z.string().min(1).max(64).optional(),
});
export type AcceptInvitation = z.infer<typeof acceptInvitationSchema>;

// --- Leads invite into their group (issue 12). -------------------------------------------------

/** Platform roles a lead may give: never coordinator. */
export const LEAD_INVITABLE_ROLES = ['member', 'association'] as const;

export const groupInvitationInputSchema = z.object({
  email: emailSchema,
  groupRole: groupRoleSchema,
  platformRole: z.enum(LEAD_INVITABLE_ROLES),
  /** `lead`: the inviting lead's organisation; `invitee`: the invitee picks an existing one. */
  organisation: z.enum(['lead', 'invitee']),
});
export type GroupInvitationInput = z.infer<typeof groupInvitationInputSchema>;

export const groupParamsSchema = z.object({ groupId: z.string().min(1).max(64) });

/** A group's pending invitations, and what the lead may still send. */
export const groupInvitationListSchema = z.object({
  invitations: z.array(invitationSchema),
  allowed: z.boolean(),
  pendingMax: z.number().int(),
  /** This lead's pending invitations, all groups together (the quota counts them). */
  pendingMine: z.number().int(),
});

export const invitationSettingsSchema = z.object({
  leadsMayInvite: z.boolean(),
  pendingPerLead: z.number().int().min(0).max(LEAD_INVITATIONS.pendingPerLeadMax),
});
export type InvitationSettings = z.infer<typeof invitationSettingsSchema>;
export type InvitationPreview = z.infer<typeof invitationPreviewSchema>;
