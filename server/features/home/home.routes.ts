import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { documentVisitParamsSchema, homeReplySchema, navigationReplySchema, visitReplySchema } from '../../../shared/home.schema';
import { WRITE_RATES } from '../../../shared/limits';
import { currentUser } from '../../core/auth-guard';
import { rateOf } from '../../core/rate-limit';
import { requireDocument } from '../documents/documents.policy';
import { changedDocuments, recordVisit } from './home.documents';
import { unreadDiscussions } from './home.discussions';
import { myGroups, navigation } from './home.groups';
import { nextRegionalDay } from './home.regional-day';

/** The person's day: one read for the home page, one for the side navigation, and the visit marker. */
export default async function homeRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['home'];

  r.get('/', { schema: { tags, summary: 'Ma journée : discussions non lues, documents modifiés, journée régionale, mes groupes', response: { 200: homeReplySchema } } }, async (request) => {
    const user = currentUser(request);
    const groups = myGroups(app.db, user);
    return {
      discussions: unreadDiscussions(app.db, user, groups),
      documents: changedDocuments(app.db, user, groups),
      regionalDay: nextRegionalDay(app.db, user),
      groups,
    };
  });

  r.get('/navigation', { schema: { tags, summary: 'Navigation latérale : mes groupes, leurs documents et discussions', response: { 200: navigationReplySchema } } }, async (request) => ({
    groups: navigation(app.db, currentUser(request)),
  }));

  // A reading marker: it follows the person opening and leaving documents.
  r.put('/visits/:documentId', {
    schema: { tags, summary: 'J’ai ouvert ce document (pour « modifié depuis ma dernière visite »)', params: documentVisitParamsSchema, response: { 200: visitReplySchema } },
    config: { rateLimit: rateOf(WRITE_RATES.readMarker) },
  }, async (request) => {
    const user = currentUser(request);
    const { document } = requireDocument(app.db, user, request.params.documentId, 'read');
    recordVisit(app.db, user.id, document.id);
    return { ok: true as const };
  });
}
