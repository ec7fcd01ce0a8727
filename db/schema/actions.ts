import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, timestamp } from './columns';
import { users } from './members';
import { organisations } from './organisations';
import { documents } from './documents';
import { ACTION_CHANGES, ACTION_ORGANISATION_ROLES, ACTION_STATES, LINK_KINDS, REQUEST_KINDS } from '../../shared/actions.schema';
import type { NeedAxis } from '../../shared/structure-needs.axes';

/**
 * Actions of the coordination and the support requests that become them (issue 11). A request is an
 * action in state `to_qualify` with its requester and the context it came from (pooling guide option).
 */
export const actions = sqliteTable(
  'actions',
  {
    id: id(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    state: text('state', { enum: ACTION_STATES }).notNull(),
    /** Axes of seed 004 (shared/structure-needs.axes.ts) the action answers. */
    needs: text('needs', { mode: 'json' }).$type<NeedAxis[]>().notNull().default([]),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
    /** Dates as the person enters them (YYYY-MM-DD): no time zone to get wrong. */
    startDate: text('start_date'),
    dueDate: text('due_date'),
    /** Support requests only: who asked, for what (REQUEST_KINDS), from which situation and option of the guide. */
    requesterId: text('requester_id').references(() => users.id, { onDelete: 'set null' }),
    requestKind: text('request_kind', { enum: REQUEST_KINDS }),
    situation: integer('situation'),
    option: text('option'),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  },
  (t) => [index('actions_state_idx').on(t.state, t.updatedAt), index('actions_owner_idx').on(t.ownerId), index('actions_requester_idx').on(t.requesterId)],
);

/** Organisations an action concerns (structures, networks) or works with (partners). */
export const actionOrganisations = sqliteTable(
  'action_organisations',
  {
    actionId: text('action_id').notNull().references(() => actions.id, { onDelete: 'cascade' }),
    organisationId: text('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ACTION_ORGANISATION_ROLES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.organisationId, t.role] }), index('action_organisations_org_idx').on(t.organisationId)],
);

/** People who work on an action beside its owner. */
export const actionPartners = sqliteTable(
  'action_partners',
  {
    actionId: text('action_id').notNull().references(() => actions.id, { onDelete: 'cascade' }),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.actionId, t.userId] }), index('action_partners_user_idx').on(t.userId)],
);

/** Typed references to documents, threads and events of Maillage; each is checked against the reader. */
export const actionLinks = sqliteTable(
  'action_links',
  {
    id: id(),
    actionId: text('action_id').notNull().references(() => actions.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: LINK_KINDS }).notNull(),
    targetId: text('target_id').notNull(),
    addedBy: text('added_by').notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('action_links_action_idx').on(t.actionId)],
);

/** The log of meetings: when, who took part, and the document holding the minutes. */
export const actionMeetings = sqliteTable(
  'action_meetings',
  {
    id: id(),
    actionId: text('action_id').notNull().references(() => actions.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    participantIds: text('participant_ids', { mode: 'json' }).$type<string[]>().notNull().default([]),
    minutesDocumentId: text('minutes_document_id').references(() => documents.id, { onDelete: 'set null' }),
    note: text('note').notNull().default(''),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('action_meetings_action_idx').on(t.actionId, t.date)],
);

/**
 * What the threads feature's notifications and digest show for actions. Kept beside the actions
 * rather than in `notifications` (whose thread is required) so both features keep their own rows.
 */
export const actionNotifications = sqliteTable(
  'action_notifications',
  {
    id: id(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    actionId: text('action_id').notNull().references(() => actions.id, { onDelete: 'cascade' }),
    actorId: text('actor_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    change: text('change', { enum: ACTION_CHANGES }).notNull(),
    /** The state the action was in when the person was told. */
    state: text('state', { enum: ACTION_STATES }).notNull(),
    createdAt: createdAt(),
    readAt: timestamp('read_at'),
    emailedAt: timestamp('emailed_at'),
  },
  (t) => [index('action_notifications_user_idx').on(t.userId, t.createdAt)],
);
