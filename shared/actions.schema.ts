import { z } from 'zod';
import { ACTION_LIMITS } from './limits';
import { needAxisSchema } from './structure-needs.axes';
import { departementSchema } from './departements';

/** The states of an action, in the order of the board's columns. `to_qualify` is where support requests arrive. */
export const ACTION_STATES = ['to_qualify', 'planned', 'in_progress', 'done', 'abandoned'] as const;
export const actionStateSchema = z.enum(ACTION_STATES);
export type ActionState = z.infer<typeof actionStateSchema>;
/** States in which the structures and networks concerned see an action (seed 004: "programmées et/ou en cours"). */
export const SHARED_STATES: readonly ActionState[] = ['planned', 'in_progress'];

/** What the platform offers in every option of seed 001: advice, a connection, help with method. */
export const REQUEST_KINDS = ['advice', 'connection', 'method'] as const;
export const requestKindSchema = z.enum(REQUEST_KINDS);
export type RequestKind = z.infer<typeof requestKindSchema>;

export const LINK_KINDS = ['document', 'thread', 'event'] as const;
export const linkKindSchema = z.enum(LINK_KINDS);
export type LinkKind = z.infer<typeof linkKindSchema>;

/** How an organisation takes part in an action: concerned by it (structures, networks) or working on it (partners). */
export const ACTION_ORGANISATION_ROLES = ['concerned', 'partner'] as const;

const idParam = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().max(max);
/** A calendar day as typed in a date field. */
export const dayField = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Date attendue au format AAAA-MM-JJ.' })
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { message: 'Cette date n’existe pas.' });
/** Situation (1–5) and option (n.m) of the pooling guide, as it passes them in the query. */
export const situationSchema = z.coerce.number().int().min(1).max(5);
export const optionSchema = z.string().regex(/^[1-5]\.[1-9]$/, { message: 'Option attendue sous la forme 2.2.' });

export const personRefSchema = z.object({ id: z.string(), name: z.string(), organisationName: z.string() });
export const organisationRefSchema = z.object({ id: z.string(), name: z.string(), type: z.string(), departement: z.string() });

export const actionInputSchema = z.object({
  title: text(ACTION_LIMITS.titleMax).min(3),
  description: text(ACTION_LIMITS.descriptionMax).default(''),
  needs: z.array(needAxisSchema).max(20).default([]),
  organisationIds: z.array(idParam).max(ACTION_LIMITS.organisationsMax).default([]),
  partnerOrganisationIds: z.array(idParam).max(ACTION_LIMITS.organisationsMax).default([]),
  partnerIds: z.array(idParam).max(ACTION_LIMITS.partnersMax).default([]),
  ownerId: idParam.nullable().default(null),
  startDate: dayField.nullable().default(null),
  dueDate: dayField.nullable().default(null),
  /** Only on creation (the coordination may file an action directly as under way). */
  state: actionStateSchema.optional(),
}).refine((a) => !a.startDate || !a.dueDate || a.startDate <= a.dueDate, { message: 'L’échéance ne peut pas précéder le début.', path: ['dueDate'] });
export type ActionInput = z.input<typeof actionInputSchema>;

export const stateInputSchema = z.object({ state: actionStateSchema });
export const linkInputSchema = z.object({ kind: linkKindSchema, targetId: idParam });
export const meetingInputSchema = z.object({
  date: dayField,
  participantIds: z.array(idParam).max(ACTION_LIMITS.participantsMax).default([]),
  minutesDocumentId: idParam.nullable().default(null),
  note: text(ACTION_LIMITS.meetingNoteMax).default(''),
});
export type MeetingInput = z.input<typeof meetingInputSchema>;

export const requestInputSchema = z.object({
  kind: requestKindSchema,
  situation: situationSchema.nullable().default(null),
  option: optionSchema.nullable().default(null),
  message: text(ACTION_LIMITS.requestMessageMax).min(10),
  organisationId: idParam,
});
export type RequestInput = z.input<typeof requestInputSchema>;

export const actionListQuerySchema = z.object({
  state: actionStateSchema.optional(),
  departement: departementSchema.optional(),
  organisationId: idParam.optional(),
  ownerId: idParam.optional(),
});
export type ActionListQuery = z.infer<typeof actionListQuerySchema>;

export const requestContextSchema = z.object({ kind: requestKindSchema, situation: z.number().int().nullable(), option: z.string().nullable() });

export const actionSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  state: actionStateSchema,
  needs: z.array(needAxisSchema),
  owner: personRefSchema.nullable(),
  requester: personRefSchema.nullable(),
  request: requestContextSchema.nullable(),
  organisations: z.array(organisationRefSchema),
  startDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  updatedAt: z.string(),
});
export type ActionSummary = z.infer<typeof actionSummarySchema>;

export const actionLinkSchema = z.object({ id: z.string(), kind: linkKindSchema, targetId: z.string(), title: z.string() });
export const meetingSchema = z.object({
  id: z.string(),
  date: z.string(),
  participants: z.array(personRefSchema),
  minutes: z.object({ id: z.string(), title: z.string() }).nullable(),
  note: z.string(),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const actionSchema = actionSummarySchema.extend({
  description: z.string(),
  partnerOrganisations: z.array(organisationRefSchema),
  partners: z.array(personRefSchema),
  /** Only the links the reader may open; the others are counted, never named. */
  links: z.array(actionLinkSchema),
  hiddenLinks: z.number().int(),
  meetings: z.array(meetingSchema),
  can: z.object({ edit: z.boolean(), manage: z.boolean() }),
});
export type Action = z.infer<typeof actionSchema>;

export const actionReplySchema = z.object({ action: actionSchema });
export const actionListSchema = z.object({ actions: z.array(actionSummarySchema), truncated: z.boolean() });
export const actionParamsSchema = z.object({ id: idParam });
export const actionChildParamsSchema = z.object({ id: idParam, childId: idParam });

/** Server → client: something changed in an action the person may see; the client reads it again. */
export const ACTION_EVENTS = { changed: 'actions:changed' } as const;
export const actionChangedEventSchema = z.object({ actionId: z.string() });
export type ActionChangedEvent = z.infer<typeof actionChangedEventSchema>;

/** The changes people are told of (notifications and digest). */
export const ACTION_CHANGES = ['request', 'assigned', 'state', 'meeting'] as const;
export type ActionChange = (typeof ACTION_CHANGES)[number];
