import { z } from 'zod';
import { documentStatusSchema } from './documents.schema';
import { groupRoleSchema } from './roles';

// The person's day (home page) and the side navigation: what is new for them, where the work is.

const id = z.string().min(1).max(64);

/** A discussion with messages this person has not read, in a group of theirs or the forum. */
export const homeThreadSchema = z.object({
  id: z.string(),
  title: z.string(),
  unread: z.number().int().positive(),
  lastMessageAt: z.string(),
  /** Where it lives: one of the person's groups, or a forum category. */
  place: z.object({ kind: z.enum(['group', 'forum']), id: z.string(), name: z.string() }),
});
export type HomeThread = z.infer<typeof homeThreadSchema>;

/** A document of one of the person's groups that others changed since the person last opened it. */
export const homeDocumentSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: documentStatusSchema,
  /** The version of record shown in the library, if any (documents.schema.ts). */
  publishedVersion: z.number().int().nullable(),
  groupId: z.string(),
  groupName: z.string(),
  /** The latest change by someone else. */
  changedAt: z.string(),
  /** Who changed it, most recent first (at most HOME.editorsShown names), and how many more. */
  changedBy: z.array(z.string()),
  othersCount: z.number().int().nonnegative(),
  /** Whether the person had opened it before (else it is new to them). */
  seenBefore: z.boolean(),
});
export type HomeDocument = z.infer<typeof homeDocumentSchema>;

export const homeSeatSchema = z.object({ title: z.string(), status: z.enum(['confirmed', 'waiting']) });

/** The next published regional day, and the person's registration (matched by their e-mail). */
export const homeRegionalDaySchema = z.object({
  title: z.string(),
  slug: z.string(),
  /** First day, local date (YYYY-MM-DD) and opening time of the event's time zone. */
  date: z.string(),
  start: z.string(),
  venue: z.string(),
  registrationOpen: z.boolean(),
  registration: z.object({ seats: z.array(homeSeatSchema) }).nullable(),
});
export type HomeRegionalDay = z.infer<typeof homeRegionalDaySchema>;

export const homeGroupSchema = z.object({ id: z.string(), name: z.string(), role: groupRoleSchema });
export type HomeGroup = z.infer<typeof homeGroupSchema>;

/**
 * GET /api/home. Reviews and comments waiting for the person come with the review feature: it
 * adds its own list here then (nothing stands in for it until it exists).
 */
export const homeReplySchema = z.object({
  discussions: z.array(homeThreadSchema),
  documents: z.array(homeDocumentSchema),
  regionalDay: homeRegionalDaySchema.nullable(),
  groups: z.array(homeGroupSchema),
});
export type HomeReply = z.infer<typeof homeReplySchema>;

/** GET /api/home/navigation: the person's groups, each with its documents and discussions. */
export const navigationGroupSchema = homeGroupSchema.extend({
  unread: z.number().int().nonnegative(),
  documents: z.array(z.object({ id: z.string(), title: z.string() })),
  threads: z.array(z.object({ id: z.string(), title: z.string(), unread: z.number().int().nonnegative() })),
});
export type NavigationGroup = z.infer<typeof navigationGroupSchema>;
export const navigationReplySchema = z.object({ groups: z.array(navigationGroupSchema) });
export type NavigationReply = z.infer<typeof navigationReplySchema>;

/** PUT /api/home/visits/:documentId: the person opened (or left) this document. */
export const documentVisitParamsSchema = z.object({ documentId: id });
export const visitReplySchema = z.object({ ok: z.literal(true) });
