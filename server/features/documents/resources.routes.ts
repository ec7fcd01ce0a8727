import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { documents, groups } from '../../../db/schema/index';
import { documentParamsSchema, resourceListSchema, resourceReplySchema, type DocumentKind } from '../../../shared/documents.schema';
import { notFound } from '../../core/errors';
import { JSON_TYPE, PUBLIC_CACHE_CONTROL } from '../../core/public-cache';
import type { CollabService } from './collab/collab.types';
import type { Renderer } from './render/render.pool';
import { resourceVersions } from './resources.versions';

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

  const versions = resourceVersions(app);
  const json = (value: unknown, modifiedAt: Date) => ({ body: JSON.stringify(value), type: JSON_TYPE, modifiedAt });

  // Both are built once per version of what they show and kept (app.publicCache).
  r.get('/resources', { config: { public: true }, schema: { tags, summary: 'Bibliothèque publique de ressources', response: { 200: resourceListSchema } } },
    async (req, reply) => {
      const current = versions.library();
      return app.publicCache.send(req, reply, {
        resource: 'resources', version: current.key, cacheControl: PUBLIC_CACHE_CONTROL.live,
        build: () => json(resourceListSchema.parse({ resources: select().where(published).orderBy(desc(documents.updatedAt)).limit(200).all().map(present) }), current.modifiedAt),
      });
    });

  r.get('/resources/:id', { config: { public: true }, schema: { tags, summary: 'Une ressource publiée', params: documentParamsSchema, response: { 200: resourceReplySchema } } },
    async (req, reply) => {
      const current = versions.resource(req.params.id);
      if (!current) throw notFound('Cette ressource');
      return app.publicCache.send(req, reply, {
        resource: `resource:${req.params.id}`, version: current.key, cacheControl: PUBLIC_CACHE_CONTROL.live,
        build: async () => {
          const resource = present(select().where(and(published, eq(documents.id, req.params.id))).get()!);
          return json(resourceReplySchema.parse({ resource, html: await render.html(await collab.encodeState(req.params.id)) }), current.modifiedAt);
        },
      });
    });
}
