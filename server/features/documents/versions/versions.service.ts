import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { documentVersions, users } from '../../../../db/schema/index';
import type { SessionUser } from '../../../../shared/auth.schema';
import type { DocumentVersion } from '../../../../shared/documents.schema';
import { notFound } from '../../../core/errors';
import { announceActivity, recordActivity } from '../../groups/activity';
import type { CollabService } from '../collab/collab.types';
import { replaceContent } from '../content/yjs-content';
import { requireDocument } from '../documents.policy';
import type { Renderer } from '../render/render.pool';
import { makeRoom } from './versions.quotas';

type VersionKind = DocumentVersion['kind'];

/**
 * Version history: snapshots of the Yjs state, and restores made as new forward changes. Reading a
 * version (its view, the comparison with the last one, the text of a restore) goes through the
 * render pool: a stored version may be large or broken, and never blocks or breaks the server.
 */
export function versionsService(app: FastifyInstance, collab: CollabService, render: Renderer) {
  const { db } = app;
  const columns = {
    id: documentVersions.id, documentId: documentVersions.documentId, kind: documentVersions.kind, name: documentVersions.name,
    createdByName: users.name, createdAt: documentVersions.createdAt,
  };
  const present = (v: { id: string; documentId: string; kind: VersionKind; name: string | null; createdByName: string | null; createdAt: Date }): DocumentVersion =>
    ({ ...v, createdAt: v.createdAt.toISOString() });

  function latestState(documentId: string): Buffer | undefined {
    return db.select({ state: documentVersions.state }).from(documentVersions)
      .where(eq(documentVersions.documentId, documentId)).orderBy(desc(documentVersions.createdAt)).limit(1).get()?.state;
  }

  /**
   * Records the current state; an automatic version identical to the last one is skipped. The
   * history is bounded (VERSION_QUOTAS): room is made, then the row written, with no await between.
   */
  async function snapshot(documentId: string, kind: VersionKind, userId: string | null, name: string | null = null): Promise<string | null> {
    const state = await collab.encodeState(documentId);
    if (kind === 'auto') {
      const last = latestState(documentId);
      if (last && await render.sameContent(last, state)) return null;
    }
    if (!makeRoom(db, documentId, kind, state.byteLength, app.config.quotas?.versions)) {
      app.log.warn({ documentId, bytes: state.byteLength }, 'automatic version skipped: the history is full of named versions');
      return null;
    }
    return db.insert(documentVersions).values({ documentId, kind, name, state: Buffer.from(state), createdBy: userId })
      .returning({ id: documentVersions.id }).get().id;
  }

  function findVersion(documentId: string, versionId: string) {
    const v = db.select({ ...columns, state: documentVersions.state }).from(documentVersions).leftJoin(users, eq(users.id, documentVersions.createdBy))
      .where(and(eq(documentVersions.id, versionId), eq(documentVersions.documentId, documentId))).get();
    if (!v) throw notFound('Cette version');
    return v;
  }

  return {
    snapshot,
    list(user: SessionUser, documentId: string): DocumentVersion[] {
      requireDocument(db, user, documentId, 'read');
      return db.select(columns).from(documentVersions).leftJoin(users, eq(users.id, documentVersions.createdBy))
        .where(eq(documentVersions.documentId, documentId)).orderBy(desc(documentVersions.createdAt)).limit(200).all().map(present);
    },

    async name(user: SessionUser, documentId: string, name: string): Promise<DocumentVersion> {
      const { document } = requireDocument(db, user, documentId, 'write');
      const id = (await snapshot(documentId, 'named', user.id, name))!;
      const entry = recordActivity(db, { groupId: document.groupId, userId: user.id, kind: 'document.version_named', subjectId: documentId, subjectTitle: document.title });
      announceActivity(app.io, document.groupId, entry);
      const { state: _state, ...v } = findVersion(documentId, id);
      return present(v);
    },

    /** Leads tidy the history (and make room in it): the version goes, the document is untouched. */
    remove(user: SessionUser, documentId: string, versionId: string): void {
      requireDocument(db, user, documentId, 'lead');
      findVersion(documentId, versionId);
      db.delete(documentVersions).where(and(eq(documentVersions.id, versionId), eq(documentVersions.documentId, documentId))).run();
    },

    async show(user: SessionUser, documentId: string, versionId: string): Promise<{ version: DocumentVersion; html: string }> {
      requireDocument(db, user, documentId, 'read');
      const { state, ...v } = findVersion(documentId, versionId);
      return { version: present(v), html: await render.html(state) };
    },

    /**
     * Restores a version as a NEW change on top of the current text: everyone connected sees it
     * live, and the text before the restore stays in the history as its own version.
     */
    async restore(user: SessionUser, documentId: string, versionId: string): Promise<void> {
      requireDocument(db, user, documentId, 'write');
      const { state } = findVersion(documentId, versionId);
      await snapshot(documentId, 'restore', user.id);
      const json = await render.json(state);
      await collab.applyServerChange(documentId, (ydoc) => replaceContent(ydoc, json), user.id);
    },
  };
}
export type VersionsService = ReturnType<typeof versionsService>;
