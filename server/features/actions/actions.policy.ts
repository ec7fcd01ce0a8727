import { and, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { actionOrganisations, actionPartners, actions } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import { SHARED_STATES } from '../../../shared/actions.schema';
import { forbidden, notFound } from '../../core/errors';

export type ActionRow = typeof actions.$inferSelect;

export interface ActionAccess {
  canRead: boolean;
  /** Fields, state, links and meetings: the coordination and the owner. */
  canEdit: boolean;
  /** Owner, deletion and qualifying a request: the coordination only. */
  canManage: boolean;
}

const NONE: ActionAccess = { canRead: false, canEdit: false, canManage: false };

/**
 * Who may do what with an action, asked on every request (roles and memberships change):
 * - the coordination manages every action;
 * - the owner edits their action (not its owner);
 * - partner people and the person who asked (support request) read it in every state;
 * - members of an organisation the action concerns or works with (a structure, or a network: the
 *   organisations of kind coordination départementale / plateforme ETP) read it while it is
 *   planned or under way, as seed 004 asks; association accounts follow the same rule.
 * Anyone else gets a 404: an action's existence is not revealed.
 */
export function actionAccess(db: Db, user: SessionUser | null, action: ActionRow): ActionAccess {
  if (!user) return NONE;
  if (user.role === 'coordinator') return { canRead: true, canEdit: true, canManage: true };
  if (action.ownerId === user.id) return { canRead: true, canEdit: true, canManage: false };
  if (action.requesterId === user.id || isPartner(db, action.id, user.id)) return { canRead: true, canEdit: false, canManage: false };
  if (SHARED_STATES.includes(action.state) && concernsOrganisation(db, action.id, user.organisationId)) {
    return { canRead: true, canEdit: false, canManage: false };
  }
  return NONE;
}

const isPartner = (db: Db, actionId: string, userId: string) => !!db.select({ a: actionPartners.actionId }).from(actionPartners)
  .where(and(eq(actionPartners.actionId, actionId), eq(actionPartners.userId, userId))).get();

const concernsOrganisation = (db: Db, actionId: string, organisationId: string) => !!db.select({ a: actionOrganisations.actionId })
  .from(actionOrganisations).where(and(eq(actionOrganisations.actionId, actionId), eq(actionOrganisations.organisationId, organisationId))).get();

/** The same rule as `actionAccess`, as a filter over the actions table (lists and the board). */
export function readableWhere(db: Db, user: SessionUser): SQL | undefined {
  if (user.role === 'coordinator') return undefined;
  const partnerOf = db.select({ id: actionPartners.actionId }).from(actionPartners).where(eq(actionPartners.userId, user.id));
  const concerning = db.select({ id: actionOrganisations.actionId }).from(actionOrganisations)
    .where(eq(actionOrganisations.organisationId, user.organisationId));
  return or(
    eq(actions.ownerId, user.id),
    eq(actions.requesterId, user.id),
    inArray(actions.id, partnerOf),
    and(inArray(actions.state, [...SHARED_STATES]), inArray(actions.id, concerning)),
  );
}

export function requireAction(db: Db, user: SessionUser, id: string, need: 'read' | 'edit' | 'manage'): { action: ActionRow; access: ActionAccess } {
  const action = db.select().from(actions).where(eq(actions.id, id)).get();
  const access = action ? actionAccess(db, user, action) : NONE;
  if (!action || !access.canRead) throw notFound('Cette action');
  if (need === 'edit' && !access.canEdit) throw forbidden('Seuls la coordination et le ou la responsable de l’action peuvent la modifier.');
  if (need === 'manage' && !access.canManage) throw forbidden('Seule la coordination peut faire cela.');
  return { action, access };
}
