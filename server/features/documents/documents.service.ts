import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { documents } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import { TRASH_UNDO_MS } from '../../../shared/limits';
import {
  DOCUMENT_EVENTS, STATUS_TRANSITIONS, documentUpdatedPayloadSchema, type DocumentAccess, type DocumentCreate, type DocumentMeta, type DocumentPatch, type DocumentStatus,
} from '../../../shared/documents.schema';
import { badRequest, forbidden } from '../../core/errors';
import { groupRoom, requireGroupAccess } from '../groups/groups.policy';
import { announceActivity, recordActivity, type ActivityInput } from '../groups/activity';
import type { CollabService } from './collab/collab.types';
import { replaceContent } from './content/yjs-content';
import { TEMPLATES } from './templates/index';
import { requireDocument } from './documents.policy';
import { presentDocument, selectDocuments } from './documents.present';
import type { SearchIndex } from './search/search.index';
import { reviewStatusGuard } from './review/review.service';
import { REVIEW_EVENTS } from '../../../shared/review.schema';

const accessOf = (a: { canWrite: boolean; canLead: boolean }): DocumentAccess => ({ canWrite: a.canWrite, canLead: a.canLead });

/** Documents' metadata, status workflow and trash. The text itself goes through the collab service. */
export function documentsService(app: FastifyInstance, collab: CollabService, search: SearchIndex) {
  const { db } = app;

  const load = (id: string): DocumentMeta => presentDocument(selectDocuments(db).where(eq(documents.id, id)).get()!);

  /**
   * Tells the group's room (open document pages, group homes) the metadata as committed. Only
   * readers of the group are in that room: groups.socket.ts checks on join and on access changes.
   */
  function announce(id: string): DocumentMeta {
    const document = load(id);
    app.io.to(groupRoom(document.groupId)).emit(DOCUMENT_EVENTS.updated, documentUpdatedPayloadSchema.parse({ document }));
    return document;
  }

  /** Writes the change and its activity line in one transaction, then tells open group pages. */
  function withActivity<T>(change: () => T, activity: ActivityInput): T {
    let entry: ReturnType<typeof recordActivity> | null = null;
    const result = db.transaction((tx) => {
      const value = change();
      entry = recordActivity(tx, activity);
      return value;
    });
    if (entry) announceActivity(app.io, activity.groupId, entry);
    return result;
  }

  return {
    list(user: SessionUser, groupId: string, trashed = false): { documents: DocumentMeta[]; access: DocumentAccess } {
      const access = requireGroupAccess(db, user, groupId, trashed ? 'lead' : 'read');
      const rows = selectDocuments(db)
        .where(and(eq(documents.groupId, groupId), trashed ? isNotNull(documents.deletedAt) : isNull(documents.deletedAt)))
        .orderBy(desc(documents.updatedAt)).all();
      return { documents: rows.map(presentDocument), access: accessOf(access) };
    },

    get(user: SessionUser, id: string) {
      const { access } = requireDocument(db, user, id, 'read');
      return { document: load(id), access: accessOf(access) };
    },

    async create(user: SessionUser, input: DocumentCreate) {
      const access = requireGroupAccess(db, user, input.groupId, 'write');
      const kind = input.kind;
      const title = input.title.trim();
      const row = db.insert(documents).values({ groupId: input.groupId, title, kind, themes: input.themes ?? [], createdBy: user.id }).returning().get();
      try {
        // The template is the document's first update, logged and broadcast like any keystroke;
        // written by the platform, not the person (no "edited" line, no automatic version for it).
        await collab.applyServerChange(row.id, (ydoc) => replaceContent(ydoc, TEMPLATES[kind](title)));
      } catch (err) {
        db.delete(documents).where(eq(documents.id, row.id)).run();
        throw err;
      }
      // Announced once it really exists, with its text.
      withActivity(
        () => db.update(documents).set({ updatedAt: new Date() }).where(eq(documents.id, row.id)).run(),
        { groupId: input.groupId, userId: user.id, kind: 'document.created', subjectId: row.id, subjectTitle: title },
      );
      search.scheduleReindex(row.id);
      return { document: load(row.id), access: accessOf(access) };
    },

    update(user: SessionUser, id: string, patch: DocumentPatch) {
      const { access } = requireDocument(db, user, id, 'write');
      db.update(documents).set({ ...patch, updatedAt: new Date() }).where(eq(documents.id, id)).run();
      // Search finds a document by its new name, no longer by its old one.
      if (patch.title !== undefined) search.scheduleReindex(id);
      return { document: announce(id), access: accessOf(access) };
    },

    changeStatus(user: SessionUser, id: string, status: DocumentStatus) {
      const { document, access } = requireDocument(db, user, id, 'write');
      const move = STATUS_TRANSITIONS.find((t) => t.from === document.status && t.to === status);
      if (!move) throw badRequest('Ce changement de statut n’est pas possible depuis le statut actuel.', 'invalid_transition');
      if (move.leadOnly && !access.canLead) throw forbidden('Seuls les animateurs et animatrices du groupe valident et publient.');
      // An open review round decides validation; going back to draft withdraws it (review/).
      const withdrawn = reviewStatusGuard(db, id, document.status, status, user.id);
      withActivity(
        () => db.update(documents).set({ status, updatedAt: new Date() }).where(eq(documents.id, id)).run(),
        { groupId: document.groupId, userId: user.id, kind: 'document.status_changed', subjectId: id, subjectTitle: document.title, detail: status },
      );
      if (withdrawn) app.io.to(groupRoom(document.groupId)).emit(REVIEW_EVENTS.updated, { documentId: id });
      return { document: announce(id), access: accessOf(access) };
    },

    trash(user: SessionUser, id: string): void {
      const { document } = requireDocument(db, user, id, 'write');
      withActivity(
        () => db.update(documents).set({ deletedAt: new Date(), deletedBy: user.id }).where(eq(documents.id, id)).run(),
        { groupId: document.groupId, userId: user.id, kind: 'document.trashed', subjectId: id, subjectTitle: document.title },
      );
      announce(id);
      app.bus.emit('document.removed', { documentId: id });
    },

    restore(user: SessionUser, id: string) {
      // "Annuler" right after trashing: the person who trashed it may take it back for a short while; later, leads only.
      const trashed = db.select({ by: documents.deletedBy, at: documents.deletedAt }).from(documents).where(eq(documents.id, id)).get();
      const undo = trashed?.by === user.id && !!trashed.at && Date.now() - trashed.at.getTime() < TRASH_UNDO_MS;
      const { document, access } = requireDocument(db, user, id, undo ? 'write' : 'lead', { trashed: true });
      withActivity(
        () => db.update(documents).set({ deletedAt: null, deletedBy: null }).where(eq(documents.id, id)).run(),
        { groupId: document.groupId, userId: user.id, kind: 'document.restored', subjectId: id, subjectTitle: document.title },
      );
      return { document: announce(id), access: accessOf(access) };
    },

    async purge(user: SessionUser, id: string): Promise<void> {
      requireDocument(db, user, id, 'lead', { trashed: true });
      // Unload first, so nothing in memory writes to a log that no longer has a document.
      await collab.closeDocument(id, 'Ce document a été supprimé définitivement.');
      db.delete(documents).where(eq(documents.id, id)).run();
      app.bus.emit('document.removed', { documentId: id });
    },
  };
}
export type DocumentsService = ReturnType<typeof documentsService>;
