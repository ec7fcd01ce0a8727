import { and, desc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { actionLinks, actionMeetings, actionOrganisations, actionPartners, actions, organisations, users } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import { ACTION_EVENTS, type ActionListQuery, type ActionState, type MeetingInput } from '../../../shared/actions.schema';
import { ACTION_LIMITS } from '../../../shared/limits';
import { badRequest, conflict, forbidden } from '../../core/errors';
import { userRoom } from '../../core/socket-io';
import { readableWhere, requireAction, type ActionRow } from './actions.policy';
import { presentAction, presentSummaries } from './actions.present';
import { readableDocuments, readableTarget } from './actions.links';
import { concernedPeople, readers } from './actions.audience';
import { notifyAction } from './actions.notify';
import type { z } from 'zod';
import type { actionInputSchema, linkInputSchema } from '../../../shared/actions.schema';

type Input = z.output<typeof actionInputSchema>;
type LinkInput = z.output<typeof linkInputSchema>;

export function actionsService(app: FastifyInstance) {
  const { db } = app;

  const existingOrganisations = (ids: string[]) => {
    const unique = [...new Set(ids)];
    const found = unique.length ? db.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, unique)).all().length : 0;
    if (found !== unique.length) throw badRequest('Une des organisations choisies n’existe pas.', 'unknown_organisation');
    return unique;
  };
  const activePeople = (ids: string[], what: string) => {
    const unique = [...new Set(ids)];
    const found = unique.length ? db.select({ id: users.id }).from(users).where(and(inArray(users.id, unique), eq(users.disabled, false))).all().length : 0;
    if (found !== unique.length) throw badRequest(`${what} n’est pas un compte actif de Maillage.`, 'unknown_person');
    return unique;
  };

  /** Every page open on the action hears of the change, those who just lost it included; each reads it again through the policy. */
  const announce = (actionId: string, before: string[]) => {
    const row = db.select().from(actions).where(eq(actions.id, actionId)).get();
    const to = new Set([...before, ...(row ? readers(db, row) : [])]);
    if (to.size) app.io.to([...to].map(userRoom)).emit(ACTION_EVENTS.changed, { actionId });
  };

  const writeRelations = (actionId: string, input: Input) => {
    db.delete(actionOrganisations).where(eq(actionOrganisations.actionId, actionId)).run();
    db.delete(actionPartners).where(eq(actionPartners.actionId, actionId)).run();
    const rows = [
      ...existingOrganisations(input.organisationIds).map((organisationId) => ({ actionId, organisationId, role: 'concerned' as const })),
      ...existingOrganisations(input.partnerOrganisationIds).map((organisationId) => ({ actionId, organisationId, role: 'partner' as const })),
    ];
    if (rows.length) db.insert(actionOrganisations).values(rows).run();
    const partners = activePeople(input.partnerIds, 'Un des partenaires');
    if (partners.length) db.insert(actionPartners).values(partners.map((userId) => ({ actionId, userId }))).run();
  };

  const reload = (id: string) => db.select().from(actions).where(eq(actions.id, id)).get()!;
  const detail = (user: SessionUser, id: string) => {
    const { action, access } = requireAction(db, user, id, 'read');
    return presentAction(db, user, action, access);
  };

  return {
    list(user: SessionUser, query: ActionListQuery) {
      let rows = db.select().from(actions).where(and(readableWhere(db, user), query.state ? eq(actions.state, query.state) : undefined,
        query.ownerId ? eq(actions.ownerId, query.ownerId) : undefined)).orderBy(desc(actions.updatedAt)).limit(ACTION_LIMITS.listMax + 1).all();
      const truncated = rows.length > ACTION_LIMITS.listMax;
      rows = rows.slice(0, ACTION_LIMITS.listMax);
      let summaries = presentSummaries(db, rows);
      // Filters on organisations read the concerned ones, which the summary already holds.
      if (query.organisationId) summaries = summaries.filter((a) => a.organisations.some((o) => o.id === query.organisationId));
      if (query.departement) summaries = summaries.filter((a) => a.organisations.some((o) => o.departement === query.departement));
      return { actions: summaries, truncated };
    },

    myRequests(user: SessionUser) {
      const rows = db.select().from(actions).where(eq(actions.requesterId, user.id)).orderBy(desc(actions.createdAt)).limit(ACTION_LIMITS.listMax).all();
      return { actions: presentSummaries(db, rows), truncated: false };
    },

    get: detail,

    create(user: SessionUser, input: Input) {
      const ownerId = input.ownerId ? activePeople([input.ownerId], 'La personne responsable')[0] : null;
      const action = db.transaction(() => {
        const row = db.insert(actions).values({
          title: input.title, description: input.description, needs: [...new Set(input.needs)], state: input.state ?? 'planned',
          ownerId, startDate: input.startDate, dueDate: input.dueDate, createdBy: user.id,
        }).returning().get();
        writeRelations(row.id, input);
        return row;
      });
      if (ownerId) notifyAction(app, action, user.id, 'assigned', [ownerId]);
      notifyAction(app, action, user.id, 'state', concernedPeople(db, action).filter((id) => id !== ownerId));
      announce(action.id, []);
      return detail(user, action.id);
    },

    update(user: SessionUser, id: string, input: Input) {
      const { action, access } = requireAction(db, user, id, 'edit');
      if (!access.canManage && input.ownerId !== action.ownerId) throw forbidden('Seule la coordination peut changer la personne responsable.');
      const ownerId = input.ownerId ? activePeople([input.ownerId], 'La personne responsable')[0] : null;
      const before = readers(db, action);
      db.transaction(() => {
        db.update(actions).set({
          title: input.title, description: input.description, needs: [...new Set(input.needs)], ownerId,
          startDate: input.startDate, dueDate: input.dueDate, updatedAt: new Date(),
        }).where(eq(actions.id, id)).run();
        writeRelations(id, input);
      });
      if (ownerId && ownerId !== action.ownerId) notifyAction(app, reload(id), user.id, 'assigned', [ownerId]);
      announce(id, before);
      return detail(user, id);
    },

    setState(user: SessionUser, id: string, state: ActionState) {
      const { action, access } = requireAction(db, user, id, 'edit');
      if (action.state === state) return detail(user, id);
      // Qualifying a request (or sending an action back to it) is the coordination's call.
      if ((action.state === 'to_qualify' || state === 'to_qualify') && !access.canManage) throw forbidden('Seule la coordination qualifie les demandes.');
      const before = readers(db, action);
      db.update(actions).set({ state, updatedAt: new Date() }).where(eq(actions.id, id)).run();
      const after = reload(id);
      notifyAction(app, after, user.id, 'state', concernedPeople(db, after));
      announce(id, before);
      return detail(user, id);
    },

    remove(user: SessionUser, id: string) {
      const { action } = requireAction(db, user, id, 'manage');
      const before = readers(db, action);
      db.delete(actions).where(eq(actions.id, id)).run();
      announce(id, before);
    },

    addLink(user: SessionUser, id: string, input: LinkInput) {
      requireAction(db, user, id, 'edit');
      const count = db.select({ id: actionLinks.id }).from(actionLinks).where(eq(actionLinks.actionId, id)).all();
      if (count.length >= ACTION_LIMITS.linksMax) throw conflict(`Une action garde au plus ${ACTION_LIMITS.linksMax} liens.`, 'too_many_links');
      // The person may only link what they may open themselves; the same answer whether it exists or not.
      if (!readableTarget(db, user, input.kind, input.targetId)) throw badRequest('Ce lien mène à un contenu introuvable ou que vous ne pouvez pas lire.', 'unreadable_link');
      const duplicate = db.select({ id: actionLinks.id }).from(actionLinks)
        .where(and(eq(actionLinks.actionId, id), eq(actionLinks.kind, input.kind), eq(actionLinks.targetId, input.targetId))).get();
      if (!duplicate) db.insert(actionLinks).values({ actionId: id, kind: input.kind, targetId: input.targetId, addedBy: user.id }).run();
      touch(id);
      return detail(user, id);
    },

    removeLink(user: SessionUser, id: string, linkId: string) {
      requireAction(db, user, id, 'edit');
      db.delete(actionLinks).where(and(eq(actionLinks.id, linkId), eq(actionLinks.actionId, id))).run();
      touch(id);
      return detail(user, id);
    },

    addMeeting(user: SessionUser, id: string, input: Required<MeetingInput>) {
      const { action } = requireAction(db, user, id, 'edit');
      const count = db.select({ id: actionMeetings.id }).from(actionMeetings).where(eq(actionMeetings.actionId, id)).all();
      if (count.length >= ACTION_LIMITS.meetingsMax) throw conflict(`Une action garde au plus ${ACTION_LIMITS.meetingsMax} réunions.`, 'too_many_meetings');
      const participants = activePeople(input.participantIds, 'Un des participants');
      if (input.minutesDocumentId && !readableDocuments(db, user, [input.minutesDocumentId]).size) {
        throw badRequest('Le compte rendu doit être un document que vous pouvez lire.', 'unreadable_link');
      }
      db.insert(actionMeetings).values({ actionId: id, date: input.date, participantIds: participants, minutesDocumentId: input.minutesDocumentId, note: input.note, createdBy: user.id }).run();
      touch(id);
      // Participants are told only if they may see the action: a notification names it.
      const mayRead = new Set(readers(db, action));
      notifyAction(app, action, user.id, 'meeting', [...concernedPeople(db, action), ...participants.filter((p) => mayRead.has(p))]);
      return detail(user, id);
    },

    removeMeeting(user: SessionUser, id: string, meetingId: string) {
      requireAction(db, user, id, 'edit');
      db.delete(actionMeetings).where(and(eq(actionMeetings.id, meetingId), eq(actionMeetings.actionId, id))).run();
      touch(id);
      return detail(user, id);
    },
  };

  function touch(id: string) {
    const row: ActionRow = reload(id);
    db.update(actions).set({ updatedAt: new Date() }).where(eq(actions.id, id)).run();
    announce(id, readers(db, row));
  }
}
