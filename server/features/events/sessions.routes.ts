import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  createdSchema, eventParamsSchema, updatedSchema, itemParamsSchema, roomInputSchema, sessionInputSchema, speakerInputSchema, trackInputSchema,
} from '../../../shared/events.schema';
import { okSchema } from '../../../shared/errors.schema';
import { currentUser } from '../../core/auth-guard';
import { requireEdit } from './events.policy';
import { sessionsService } from './sessions.service';
import { registrationsService } from './registrations.service';
import { notifyEditors } from './events.editors';
import { rateOf } from '../../core/rate-limit';
import { WRITE_RATES } from '../../../shared/limits';

/** Rooms, tracks, speakers and sessions: the same four routes each, for organisers. */
export default async function sessionsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = sessionsService(app);
  const registrations = registrationsService(app);
  const tags = ['events'];
  const ok = { ok: true as const };
  // Building a timetable is many small moves: a wider allowance than other writes.
  const edits = { rateLimit: rateOf(WRITE_RATES.eventEdit) };

  function crud<S extends z.ZodType>(path: 'rooms' | 'tracks' | 'speakers' | 'sessions', label: string, body: S, ops: {
    add: (eventId: string, input: z.output<S>, user: ReturnType<typeof currentUser>) => string;
    update: (eventId: string, itemId: string, input: z.output<S>, user: ReturnType<typeof currentUser>) => number | void;
    remove: (eventId: string, itemId: string) => void;
  }) {
    r.post(`/:id/${path}`, { schema: { tags, summary: `Ajouter : ${label}`, params: eventParamsSchema, body, response: { 201: createdSchema } }, config: edits }, async (request, reply) => {
      const user = currentUser(request);
      requireEdit(app.db, user, request.params.id);
      const id = ops.add(request.params.id, request.body as z.output<S>, user);
      await notifyEditors(app, { eventId: request.params.id, part: path, itemId: id }, user);
      reply.status(201);
      return { id };
    });
    r.put(`/:id/${path}/:itemId`, { schema: { tags, summary: `Modifier : ${label}`, params: itemParamsSchema, body, response: { 200: updatedSchema } }, config: edits }, async (request) => {
      const user = currentUser(request);
      requireEdit(app.db, user, request.params.id);
      const version = ops.update(request.params.id, request.params.itemId, request.body as z.output<S>, user);
      // A bigger room or workshop gives its new seats to the people waiting.
      if (path === 'rooms' || path === 'sessions') await registrations.refill(request.params.id);
      await notifyEditors(app, { eventId: request.params.id, part: path, itemId: request.params.itemId }, user);
      return version === undefined ? ok : { ...ok, version };
    });
    r.delete(`/:id/${path}/:itemId`, { schema: { tags, summary: `Supprimer : ${label}`, params: itemParamsSchema, response: { 200: okSchema } }, config: edits }, async (request) => {
      const user = currentUser(request);
      requireEdit(app.db, user, request.params.id);
      ops.remove(request.params.id, request.params.itemId);
      await notifyEditors(app, { eventId: request.params.id, part: path, itemId: request.params.itemId }, user);
      return ok;
    });
  }

  crud('rooms', 'salle', roomInputSchema, { add: service.addRoom, update: service.updateRoom, remove: service.removeRoom });
  crud('tracks', 'thème', trackInputSchema, { add: service.addTrack, update: service.updateTrack, remove: service.removeTrack });
  crud('speakers', 'intervenant', speakerInputSchema, { add: service.addSpeaker, update: service.updateSpeaker, remove: service.removeSpeaker });
  crud('sessions', 'session', sessionInputSchema, { add: service.addSession, update: service.updateSession, remove: service.removeSession });
}
