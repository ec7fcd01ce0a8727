import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { actionOrganisations, actions, organisations } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import { ACTION_EVENTS, type RequestKind } from '../../../shared/actions.schema';
import { badRequest } from '../../core/errors';
import { userRoom } from '../../core/socket-io';
import { coordinators } from './actions.audience';
import { notifyAction } from './actions.notify';
import { presentAction } from './actions.present';
import { actionAccess } from './actions.policy';

/** The three offers of seed 001, as the coordination reads them on its board. */
const KIND_TITLE: Record<RequestKind, string> = {
  advice: 'Demande de conseil',
  connection: 'Demande de mise en relation',
  method: 'Demande d’aide méthodologique',
};

interface RequestValues { kind: RequestKind; situation: number | null; option: string | null; message: string; organisationId: string }

/**
 * "Ask the platform": a support request becomes an action to qualify, with its requester and the
 * option of the pooling guide it came from; every coordinator is told, the board updates live.
 */
export function requestsService(app: FastifyInstance) {
  const { db } = app;
  return {
    send(user: SessionUser, input: RequestValues) {
      const structure = db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, input.organisationId)).get();
      if (!structure) throw badRequest('Choisissez une structure existante.', 'unknown_organisation');
      if (input.option && input.situation && !input.option.startsWith(`${input.situation}.`)) {
        throw badRequest(`L’option ${input.option} n’appartient pas à la situation ${input.situation}.`, 'bad_option');
      }
      const context = input.option ? ` (option ${input.option})` : input.situation ? ` (situation ${input.situation})` : '';
      const row = db.transaction(() => {
        const action = db.insert(actions).values({
          title: `${KIND_TITLE[input.kind]}${context} · ${structure.name}`.slice(0, 200),
          description: input.message, state: 'to_qualify', requesterId: user.id, requestKind: input.kind,
          situation: input.situation ?? (input.option ? Number(input.option[0]) : null), option: input.option, createdBy: user.id,
        }).returning().get();
        db.insert(actionOrganisations).values({ actionId: action.id, organisationId: input.organisationId, role: 'concerned' }).run();
        return action;
      });
      const coordination = coordinators(db);
      notifyAction(app, row, user.id, 'request', coordination);
      app.io.to([...coordination, user.id].map(userRoom)).emit(ACTION_EVENTS.changed, { actionId: row.id });
      return presentAction(db, user, row, actionAccess(db, user, row));
    },
  };
}
