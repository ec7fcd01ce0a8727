import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { documents, groups } from '../../../db/schema/index';
import { documentParamsSchema, resourceListSchema, resourceReplySchema, type DocumentKind } from '../../../shared/documents.schema';
import { notFound } from '../../core/errors';
import type { CollabService } from './collab/collab.types';
import type { Renderer } from './render/render.pool';

/**
 * The public resource library: what leads published, readable without an account. Publishing is
 * the lead's explicit decision to share the work beyond the group, whatever the group's visibility.
 */
export default async function resourcesRoutes(app: FastifyInstance, { collab, render }: { collab: CollabService; render: Renderer }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['resources'];
  const published = and(eq(documents.status, 'published'), isNull(documents.deletedAt));
  const select = () => app.db.select({
    id: documents.id, title: documents.title, kind: documents.kind, themes: documents.themes, groupName: groups.name, updatedAt: documents.updatedAt,
  }).from(documents).innerJoin(groups, eq(groups.id, documents.groupId));
  const present = (row: ReturnType<ReturnType<typeof select>['get']> & object) =>
    ({ ...row, kind: row.kind as DocumentKind, updatedAt: row.updatedAt.toISOString() });

  r.get('/resources', { config: { public: true }, schema: { tags, summary: 'Bibliothèque publique de ressources', response: { 200: resourceListSchema } } },
    async () => ({ resources: select().where(published).orderBy(desc(documents.updatedAt)).limit(200).all().map(present) }));

  r.get('/resources/:id', { config: { public: true }, schema: { tags, summary: 'Une ressource publiée', params: documentParamsSchema, response: { 200: resourceReplySchema } } },
    async (req) => {
      const row = select().where(and(published, eq(documents.id, req.params.id))).get();
      if (!row) throw notFound('Cette ressource');
      return { resource: present(row), html: await render.html(await collab.encodeState(row.id)) };
    });
}
