import { and, desc, eq, max } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { documentPublications, documents, users } from '../../../../db/schema/index';
import type { SessionUser } from '../../../../shared/auth.schema';
import { DOCUMENT_EVENTS, documentUpdatedPayloadSchema, type DocumentMeta } from '../../../../shared/documents.schema';
import type { Publication } from '../../../../shared/documents.publication.schema';
import { PUBLICATION_LIMITS } from '../../../../shared/limits';
import { conflict, notFound } from '../../../core/errors';
import { announceActivity, recordActivity } from '../../groups/activity';
import { groupRoom } from '../../groups/groups.policy';
import type { CollabService } from '../collab/collab.types';
import { requireDocument } from '../documents.policy';
import { presentDocument, selectDocuments } from '../documents.present';

/**
 * Versions of record. Publishing (leads, a validated working text) freezes the current Yjs state,
 * title and themes as version n+1 with a change note and puts it in the public library;
 * unpublishing takes the document out of the library and keeps every version. The working text
 * goes on being edited and never reaches visitors until it is published again.
 */
export function publicationService(app: FastifyInstance, collab: CollabService) {
  const { db } = app;

  const columns = {
    number: documentPublications.number, note: documentPublications.note, title: documentPublications.title,
    publishedAt: documentPublications.publishedAt, publishedByName: users.name,
  };
  const present = (p: { number: number; note: string; title: string; publishedAt: Date; publishedByName: string | null }): Publication =>
    ({ ...p, publishedAt: p.publishedAt.toISOString() });

  /** The metadata as committed, told to the group's room (open document pages, group homes). */
  function announce(id: string): DocumentMeta {
    const document = presentDocument(selectDocuments(db).where(eq(documents.id, id)).get()!);
    app.io.to(groupRoom(document.groupId)).emit(DOCUMENT_EVENTS.updated, documentUpdatedPayloadSchema.parse({ document }));
    return document;
  }

  function find(documentId: string, number: number) {
    return db.select({ ...columns, state: documentPublications.state }).from(documentPublications)
      .leftJoin(users, eq(users.id, documentPublications.publishedBy))
      .where(and(eq(documentPublications.documentId, documentId), eq(documentPublications.number, number))).get();
  }

  /**
   * Writes version n+1 of `state` and shows it in the library, in one synchronous transaction:
   * two leads publishing at once get two numbers, never the same one.
   */
  function record(documentId: string, state: Uint8Array, note: string, userId: string | null, at?: Date): number {
    let entry: ReturnType<typeof recordActivity> | null = null;
    let groupId = '';
    const number = db.transaction((tx) => {
      const doc = tx.select({ title: documents.title, themes: documents.themes, groupId: documents.groupId }).from(documents).where(eq(documents.id, documentId)).get()!;
      const last = tx.select({ n: max(documentPublications.number) }).from(documentPublications).where(eq(documentPublications.documentId, documentId)).get()?.n ?? 0;
      if (last >= PUBLICATION_LIMITS.versionsPerDocument) throw conflict(`Ce document a déjà ${last} versions publiées, le maximum.`, 'publication_quota');
      const number = last + 1;
      tx.insert(documentPublications).values({
        documentId, number, note, title: doc.title, themes: doc.themes, state: Buffer.from(state), publishedBy: userId, ...(at ? { publishedAt: at } : {}),
      }).run();
      tx.update(documents).set({ publishedVersion: number, updatedAt: new Date() }).where(eq(documents.id, documentId)).run();
      // The group's activity says who published which version (a conversion at start is nobody's act).
      groupId = doc.groupId;
      if (userId) entry = recordActivity(tx, { groupId, userId, kind: 'document.published', subjectId: documentId, subjectTitle: doc.title, detail: String(number) });
      return number;
    });
    if (entry) announceActivity(app.io, groupId, entry);
    return number;
  }

  return {
    record,

    async publish(user: SessionUser, documentId: string, note: string): Promise<{ publication: Publication; document: DocumentMeta }> {
      const { document } = requireDocument(db, user, documentId, 'lead');
      // "Reviewed before published": the working text is published once validated (it stays validated after).
      if (document.status !== 'validated') {
        throw conflict('Seul un document validé peut être publié : faites-le relire, puis validez-le avant de le publier.', 'not_validated');
      }
      const state = await collab.encodeState(documentId);
      const number = record(documentId, state, note, user.id);
      const { state: _state, ...row } = find(documentId, number)!;
      return { publication: present(row), document: announce(documentId) };
    },

    unpublish(user: SessionUser, documentId: string): { document: DocumentMeta } {
      const { document } = requireDocument(db, user, documentId, 'lead');
      if (document.publishedVersion === null) throw conflict('Ce document n’est pas dans la bibliothèque de ressources.', 'not_published');
      const entry = db.transaction((tx) => {
        tx.update(documents).set({ publishedVersion: null, updatedAt: new Date() }).where(eq(documents.id, documentId)).run();
        return recordActivity(tx, { groupId: document.groupId, userId: user.id, kind: 'document.unpublished', subjectId: documentId, subjectTitle: document.title });
      });
      announceActivity(app.io, document.groupId, entry);
      return { document: announce(documentId) };
    },

    /** Every version of record, newest first, for those who may read the document. */
    list(user: SessionUser, documentId: string): { publications: Publication[]; inLibrary: number | null } {
      const { document } = requireDocument(db, user, documentId, 'read');
      const rows = db.select(columns).from(documentPublications).leftJoin(users, eq(users.id, documentPublications.publishedBy))
        .where(eq(documentPublications.documentId, documentId)).orderBy(desc(documentPublications.number)).all();
      return { publications: rows.map(present), inLibrary: document.publishedVersion };
    },

    /** The frozen state of version `number` (the caller has checked who may read it). */
    stateOf(documentId: string, number: number): Buffer {
      const row = db.select({ state: documentPublications.state }).from(documentPublications)
        .where(and(eq(documentPublications.documentId, documentId), eq(documentPublications.number, number))).get();
      if (!row) throw notFound('Cette version publiée');
      return row.state;
    },

    /** The number of the last version of record, published or since unpublished; null if none. */
    lastNumber(documentId: string): number | null {
      return db.select({ n: max(documentPublications.number) }).from(documentPublications).where(eq(documentPublications.documentId, documentId)).get()?.n ?? null;
    },
  };
}
export type PublicationService = ReturnType<typeof publicationService>;
