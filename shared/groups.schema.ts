import { z } from 'zod';
import { LIMITS } from './limits';
import { groupRoleSchema, platformRoleSchema } from './roles';

/** Limits of working groups (kept beside their schemas; the server enforces them, forms show them). */
export const GROUP_LIMITS = {
  nameMin: 3,
  nameMax: 120,
  descriptionMax: 2000,
  themeMax: 60,
  themesMax: 8,
  joinMessageMax: 500,
  activityPageMax: 50,
} as const;

/** public: every signed-in person (associations only if opened to them); platform: members of the platform; private: invitation only. */
export const GROUP_VISIBILITIES = ['public', 'platform', 'private'] as const;
export const groupVisibilitySchema = z.enum(GROUP_VISIBILITIES);
export type GroupVisibility = z.infer<typeof groupVisibilitySchema>;

/**
 * What the activity log knows how to say. A feature that needs a new kind adds it here and its
 * sentence in client/i18n/{fr,en}/groups.json under `activity.kinds`.
 */
export const ACTIVITY_KINDS = [
  'group.created', 'group.updated',
  'member.joined', 'member.role_changed', 'member.removed', 'member.left',
  'document.created', 'document.edited', 'document.status_changed', 'document.trashed', 'document.restored', 'document.version_named',
  'document.published', 'document.unpublished',
  'thread.created',
  'date.created',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

const themeSchema = z.string().trim().min(1).max(GROUP_LIMITS.themeMax);
export const groupIdSchema = z.string().min(1).max(64);

const groupFields = {
  name: z.string().trim().min(GROUP_LIMITS.nameMin).max(GROUP_LIMITS.nameMax),
  description: z.string().trim().max(GROUP_LIMITS.descriptionMax),
  themes: z.array(themeSchema).max(GROUP_LIMITS.themesMax),
  visibility: groupVisibilitySchema,
  openToAssociations: z.boolean(),
};
export const groupInputSchema = z.object({
  ...groupFields,
  description: groupFields.description.default(''),
  themes: groupFields.themes.default([]),
  openToAssociations: groupFields.openToAssociations.default(false),
});
/** Only what is sent changes (no defaults here: a missing field keeps its value). */
export const groupUpdateSchema = z.object(groupFields).partial();
export type GroupInput = z.input<typeof groupInputSchema>;
/** A complete group form (what the create and edit forms send). */
export type GroupFormValues = z.output<typeof groupInputSchema>;

/** My own relation to a group, as the policy decides it (server/features/groups/groups.policy.ts). */
export const groupAccessSchema = z.object({
  role: groupRoleSchema.nullable(),
  canSee: z.boolean(),
  canRead: z.boolean(),
  canWrite: z.boolean(),
  canLead: z.boolean(),
});
export type GroupAccessReply = z.infer<typeof groupAccessSchema>;

export const groupSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  themes: z.array(z.string()),
  visibility: groupVisibilitySchema,
  openToAssociations: z.boolean(),
  memberCount: z.number().int(),
  myRole: groupRoleSchema.nullable(),
  /** I asked to join and no lead has decided yet. */
  myRequestPending: z.boolean(),
  /** I may ask to join (visible to me, not private, not a member, no pending request). */
  canRequest: z.boolean(),
  /** Requests waiting for an answer: counted for those who may answer them (leads, coordinators), else 0. */
  pendingRequests: z.number().int(),
});
export type GroupSummary = z.infer<typeof groupSummarySchema>;

export const groupListSchema = z.object({ mine: z.array(groupSummarySchema), others: z.array(groupSummarySchema) });

export const groupReplySchema = z.object({
  group: groupSummarySchema.extend({ createdAt: z.string() }),
  access: groupAccessSchema,
});
export type GroupReply = z.infer<typeof groupReplySchema>;

export const groupMemberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  profession: z.string(),
  organisationName: z.string(),
  platformRole: platformRoleSchema,
  role: groupRoleSchema,
  joinedAt: z.string(),
});
export type GroupMember = z.infer<typeof groupMemberSchema>;
export const groupMemberListSchema = z.object({ members: z.array(groupMemberSchema) });

export const addMemberInputSchema = z.object({ userId: z.string().min(1).max(64), role: groupRoleSchema.default('member') });
export const changeRoleInputSchema = z.object({ role: groupRoleSchema });
export const memberParamsSchema = z.object({ groupId: groupIdSchema, userId: z.string().min(1).max(64) });
export const groupParamsSchema = z.object({ groupId: groupIdSchema });

/** People a lead may add: not yet members, active, allowed by the group's visibility. */
export const candidateQuerySchema = z.object({ q: z.string().trim().min(2).max(LIMITS.searchQueryMax) });
export const candidateSchema = z.object({
  id: z.string(), name: z.string(), profession: z.string(), organisationName: z.string(), platformRole: platformRoleSchema,
});
export type Candidate = z.infer<typeof candidateSchema>;
export const candidateListSchema = z.object({ candidates: z.array(candidateSchema) });

export const joinRequestInputSchema = z.object({ message: z.string().trim().max(GROUP_LIMITS.joinMessageMax).default('') });
export const joinRequestSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  profession: z.string(),
  organisationName: z.string(),
  platformRole: platformRoleSchema,
  message: z.string(),
  createdAt: z.string(),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;
export const joinRequestListSchema = z.object({ requests: z.array(joinRequestSchema) });
export const joinRequestParamsSchema = z.object({ groupId: groupIdSchema, requestId: z.string().min(1).max(64) });
export const joinDecisionInputSchema = z.object({
  decision: z.enum(['accept', 'refuse']),
  /** The role given on acceptance. */
  role: groupRoleSchema.default('member'),
});

export const activityQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(GROUP_LIMITS.activityPageMax).default(20),
  /** ISO date: entries strictly older than this (next page). */
  before: z.iso.datetime().optional(),
});
export const activityEntrySchema = z.object({
  id: z.string(),
  /** A string, not the enum: a client older than the server still shows a newer kind (generically). */
  kind: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  subjectId: z.string().nullable(),
  subjectTitle: z.string().nullable(),
  detail: z.string().nullable(),
  createdAt: z.string(),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;
export const activityListSchema = z.object({ entries: z.array(activityEntrySchema) });

/** Socket.IO: joining a group's room (`group:<id>`) to get its live updates. */
export const groupRoomMessageSchema = z.object({ groupId: groupIdSchema });

/** Server → client events of the groups feature (names and payloads). */
export const GROUP_EVENTS = {
  /** Something of the group changed; the client re-reads what `what` names through REST (which checks rights). */
  updated: 'group.updated',
  /** New activity in the group (sent after commit by announceActivity). */
  activity: 'group.activity',
  /** This person may no longer read the group: its room was left on the server. */
  accessLost: 'group.access_lost',
  /** To a person's own room: their groups changed (added, removed, request decided). */
  mineChanged: 'groups.mine_changed',
} as const;
export const groupUpdatedPayloadSchema = z.object({ groupId: z.string(), what: z.enum(['details', 'members', 'requests']) });
export type GroupUpdatedPayload = z.infer<typeof groupUpdatedPayloadSchema>;
export const groupActivityPayloadSchema = z.object({ groupId: z.string(), entry: activityEntrySchema });
export type GroupActivityPayload = z.infer<typeof groupActivityPayloadSchema>;
/** `accessLost` and `mineChanged`: which group; the client asks REST what it may now do. */
export const groupRefPayloadSchema = z.object({ groupId: z.string() });
