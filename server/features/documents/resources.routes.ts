import { and, desc, eq, isNull } from 'drizzle-orm';
import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { documentPublications, documents, groups } from '../../../db/schema/index';
import { documentParamsSchema, resourceListSchema, type DocumentKind } from '../../../shared/documents.schema';
import { resourceReplySchema, resourceVersionParamsSchema } from '../../../shared/documents.publication.schema';
import { AppError, notFound } from '../../core/errors';
import { createWaitingLine } from '../../core/waiting-line';
import { JSON_TYPE, PUBLIC_CACHE_CONTROL, type PublicBody } from '../../core/public-cache';
import { disposition } from './export/disposition';
import { removeExportFile } from './export/export.temp';
import { RENDER_LIMITS } from './render/render.limits';
import type { Renderer } from './render/render.pool';
import { resourceVersions } from './resources.versions';

/**
 * The public resource library: the versions of record leads published, readable without an
 * account, never the working text. Publishing is the lead's explicit decision to share the work
 * beyond the group, whatever the group's visibility; unpublishing takes the document (all its
 * versions) out of public view. Each version can be downloaded as a PDF, rendered once.
 */
export default async function resourcesRoutes(app: FastifyInstance, { render }: { render: Renderer }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['resources'];
  const inLibrary = isNull(documents.deletedAt);
  const select = () => app.db.select({
    id: documents.id, title: documentPublications.title, kind: documents.kind, themes: documentPublications.themes, groupName: groups.name,
    updatedAt: documentPublications.publishedAt, version: documentPublications.number,
  }).from(documents).innerJoin(groups, eq(groups.id, documents.groupId));
  // The version the library shows (its row joined on the document's published_version).
  const shown = () => select().innerJoin(documentPublications, and(eq(documentPublications.documentId, documents.id), eq(documentPublications.number, documents.publishedVersion)));
  type Row = { id: string; title: string; kind: DocumentKind; themes: string[]; groupName: string; updatedAt: Date; version: number };
  const present = (row: Row) =>
    ({ ...row, updatedAt: row.updatedAt.toISOString() });

  const versions = resourceVersions(app);
  const json = (value: unknown, modifiedAt: Date) => ({ body: JSON.stringify(value), type: JSON_TYPE, modifiedAt });

  /** Version `number` of a document in the library (at most the one shown), its text and the list of versions. */
  async function build(id: string, number: number) {
    const row = select().innerJoin(documentPublications, and(eq(documentPublications.documentId, documents.id), eq(documentPublications.number, number)))
      .where(and(inLibrary, eq(documents.id, id))).get();
    if (!row) throw notFound('Cette version publiée');
    const state = app.db.select({ state: documentPublications.state }).from(documentPublications)
      .where(and(eq(documentPublications.documentId, id), eq(documentPublications.number, number))).get()!.state;
    const all = app.db.select({ number: documentPublications.number, note: documentPublications.note, publishedAt: documentPublications.publishedAt })
      .from(documentPublications).where(eq(documentPublications.documentId, id)).orderBy(desc(documentPublications.number)).all()
      .map((v) => ({ ...v, publishedAt: v.publishedAt.toISOString() }));
    // The library shows the newest version (publishing makes it, unpublishing hides them all): `all` starts with it.
    return resourceReplySchema.parse({ resource: present(row), version: all.find((v) => v.number === number), versions: all, html: await render.html(state) });
  }

  // Each is built once per version of what it shows and kept (app.publicCache).
  r.get('/resources', { config: { public: true }, schema: { tags, summary: 'Bibliothèque publique de ressources', response: { 200: resourceListSchema } } },
    async (req, reply) => {
      const current = versions.library();
      return app.publicCache.send(req, reply, {
        resource: 'resources', version: current.key, cacheControl: PUBLIC_CACHE_CONTROL.live,
        build: () => json(resourceListSchema.parse({ resources: shown().where(inLibrary).orderBy(desc(documentPublications.publishedAt)).limit(200).all().map(present) }), current.modifiedAt()),
      });
    });

  r.get('/resources/:id', { config: { public: true }, schema: { tags, summary: 'Une ressource publiée : sa dernière version publiée', params: documentParamsSchema, response: { 200: resourceReplySchema } } },
    async (req, reply) => {
      const current = versions.resource(req.params.id);
      if (!current) throw notFound('Cette ressource');
      return app.publicCache.send(req, reply, {
        resource: `resource:${req.params.id}`, version: current.key, cacheControl: PUBLIC_CACHE_CONTROL.live,
        build: async () => json(await build(req.params.id, current.shown), current.modifiedAt()),
      });
    });

  r.get('/resources/:id/versions/:number', {
    config: { public: true },
    schema: { tags, summary: 'Une version publiée antérieure d’une ressource', params: resourceVersionParamsSchema, response: { 200: resourceReplySchema } },
  }, async (req, reply) => {
    const current = versions.resource(req.params.id);
    if (!current || req.params.number > current.shown) throw notFound('Cette version publiée');
    return app.publicCache.send(req, reply, {
      resource: `resource:${req.params.id}:v${req.params.number}`, version: current.key, cacheControl: PUBLIC_CACHE_CONTROL.live,
      build: async () => json(await build(req.params.id, req.params.number), current.modifiedAt()),
    });
  });

  const visitorPdfs = createWaitingLine(RENDER_LIMITS.visitorPdfBuilds, RENDER_LIMITS.visitorPdfWaiting);
  // The PDF a visitor prints or keeps: the members' PDF export of that version, built once per version.
  r.get('/resources/:id/versions/:number/pdf', {
    config: { public: true },
    schema: { tags, summary: 'Une version publiée d’une ressource, en PDF', params: resourceVersionParamsSchema },
  }, async (req, reply) => {
    const { id, number } = req.params;
    const current = versions.resource(id);
    if (!current || number > current.shown) throw notFound('Cette version publiée');
    // The title sits before the state in the row: reading it does not walk the state's pages.
    const title = app.db.select({ title: documentPublications.title }).from(documentPublications)
      .where(and(eq(documentPublications.documentId, id), eq(documentPublications.number, number))).get()?.title;
    if (!title) throw notFound('Cette version publiée');
    return app.publicCache.send(req, reply, {
      resource: `resource:${id}:v${number}:pdf`, version: current.key, cacheControl: PUBLIC_CACHE_CONTROL.live,
      headers: { 'content-disposition': disposition(title, 'pdf') },
      build: () => visitorPdfs(() => visitorPdf(id, number, title),
        () => new AppError(503, 'render_busy', 'D’autres PDF sont en préparation : réessayez dans un instant.', undefined, 5)),
    });
  });

  // Rendered from SQLite by a worker into a temporary file, read back here without decoding anything
  // (the bytes are kept in app.publicCache, as before), its ETag hashed by the worker.
  async function visitorPdf(id: string, number: number, title: string): Promise<PublicBody> {
    const file = await render.exportFile({ documentId: id, text: { kind: 'published', number }, format: 'pdf', title });
    try {
      return { body: await readFile(file.path), type: 'application/pdf', modifiedAt: new Date(file.savedAt), sha1: file.sha1 };
    } finally {
      await removeExportFile(file.path);
    }
  }
}
