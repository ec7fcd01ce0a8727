import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { notificationListSchema, notificationReadSchema, preferencesSchema } from '../../../shared/threads.schema';
import { okSchema } from '../../../shared/errors.schema';
import { currentUser } from '../../core/auth-guard';
import { notificationsService } from './notifications.service';
import { rateOf } from '../../core/rate-limit';
import { WRITE_RATES } from '../../../shared/limits';

export default async function notificationsRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = notificationsService(app);
  const tags = ['threads'];

  r.get('/notifications', {
    schema: { tags, summary: 'Mes notifications', response: { 200: notificationListSchema } },
  }, async (request) => service.list(currentUser(request)));

  r.post('/notifications/read', {
    schema: { tags, summary: 'Marquer des notifications (ou toutes) comme lues', body: notificationReadSchema, response: { 200: okSchema } },
    config: { rateLimit: rateOf(WRITE_RATES.readMarker) },
  }, async (request) => {
    service.markRead(currentUser(request), request.body.ids);
    return { ok: true as const };
  });

  r.get('/notifications/preferences', {
    schema: { tags, summary: 'Mes préférences de notification par e-mail', response: { 200: preferencesSchema } },
  }, async (request) => service.preferences(currentUser(request).id));

  r.put('/notifications/preferences', {
    schema: { tags, summary: 'Choisir ce que je reçois par e-mail', body: preferencesSchema, response: { 200: preferencesSchema } },
    config: { rateLimit: rateOf(WRITE_RATES.profile) },
  }, async (request) => service.setPreferences(currentUser(request).id, request.body.email));
}
