import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { actionLinks, actionMeetings, actionOrganisations, actionPartners, organisations } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { Action, ActionSummary } from '../../../shared/actions.schema';
import { people } from '../threads/threads.present';
import type { ActionAccess, ActionRow } from './actions.policy';
import { readableDocuments, readableTarget } from './actions.links';

type OrganisationRef = ActionSummary['organisations'][number];

/** Organisations of each action, by role ("concerned" or "partner"). */
function organisationsOf(db: Db, actionIds: string[]) {
  const byAction = new Map<string, { concerned: OrganisationRef[]; partner: OrganisationRef[] }>();
  if (actionIds.length === 0) return byAction;
  const rows = db.select({ actionId: actionOrganisations.actionId, role: actionOrganisations.role, id: organisations.id, name: organisations.name, type: organisations.type, departement: organisations.departement })
    .from(actionOrganisations).innerJoin(organisations, eq(organisations.id, actionOrganisations.organisationId))
    .where(inArray(actionOrganisations.actionId, actionIds)).orderBy(asc(organisations.name)).all();
  for (const { actionId, role, ...org } of rows) {
    const entry = byAction.get(actionId) ?? { concerned: [], partner: [] };
    (role === 'partner' ? entry.partner : entry.concerned).push(org);
    byAction.set(actionId, entry);
  }
  return byAction;
}

export function presentSummaries(db: Db, rows: ActionRow[]): ActionSummary[] {
  const orgs = organisationsOf(db, rows.map((r) => r.id));
  const who = people(db, rows.flatMap((r) => [r.ownerId, r.requesterId]).filter((id): id is string => !!id));
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    state: r.state,
    needs: r.needs,
    owner: r.ownerId ? who.get(r.ownerId) ?? null : null,
    requester: r.requesterId ? who.get(r.requesterId) ?? null : null,
    request: r.requestKind ? { kind: r.requestKind, situation: r.situation, option: r.option } : null,
    organisations: orgs.get(r.id)?.concerned ?? [],
    startDate: r.startDate,
    dueDate: r.dueDate,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/** One action as this reader sees it: links and minutes they may not open are left out. */
export function presentAction(db: Db, user: SessionUser, row: ActionRow, access: ActionAccess): Action {
  const [summary] = presentSummaries(db, [row]);
  const partnerIds = db.select({ id: actionPartners.userId }).from(actionPartners).where(eq(actionPartners.actionId, row.id)).all().map((p) => p.id);
  const meetings = db.select().from(actionMeetings).where(eq(actionMeetings.actionId, row.id)).orderBy(asc(actionMeetings.date), asc(actionMeetings.createdAt)).all();
  const who = people(db, [...partnerIds, ...meetings.flatMap((m) => m.participantIds)]);
  const minutes = readableDocuments(db, user, meetings.map((m) => m.minutesDocumentId).filter((id): id is string => !!id));
  const links = db.select().from(actionLinks).where(eq(actionLinks.actionId, row.id)).orderBy(asc(actionLinks.createdAt)).all()
    .map((l) => ({ id: l.id, kind: l.kind, targetId: l.targetId, target: readableTarget(db, user, l.kind, l.targetId) }));
  const shown = links.filter((l) => l.target);
  return {
    ...summary,
    description: row.description,
    partnerOrganisations: organisationsOf(db, [row.id]).get(row.id)?.partner ?? [],
    partners: partnerIds.map((id) => who.get(id)).filter((p) => !!p),
    links: shown.map((l) => ({ id: l.id, kind: l.kind, targetId: l.targetId, title: l.target!.title })),
    hiddenLinks: links.length - shown.length,
    meetings: meetings.map((m) => ({
      id: m.id,
      date: m.date,
      participants: m.participantIds.map((id) => who.get(id)).filter((p) => !!p),
      minutes: m.minutesDocumentId && minutes.has(m.minutesDocumentId) ? { id: m.minutesDocumentId, title: minutes.get(m.minutesDocumentId)! } : null,
      note: m.note,
    })),
    can: { edit: access.canEdit, manage: access.canManage },
  };
}
