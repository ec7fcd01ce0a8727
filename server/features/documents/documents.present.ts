import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { documents, groups, users } from '../../../db/schema/index';
import type { DocumentMeta } from '../../../shared/documents.schema';

/** The columns a document is shown with: its row, its group's name and its author's name. */
export function selectDocuments(db: Db) {
  return db.select({ d: documents, groupName: groups.name, createdByName: users.name })
    .from(documents)
    .innerJoin(groups, eq(groups.id, documents.groupId))
    .innerJoin(users, eq(users.id, documents.createdBy));
}

export function presentDocument(row: { d: typeof documents.$inferSelect; groupName: string; createdByName: string }): DocumentMeta {
  const { d } = row;
  return {
    id: d.id,
    groupId: d.groupId,
    groupName: row.groupName,
    title: d.title,
    kind: d.kind,
    status: d.status,
    themes: d.themes,
    createdBy: d.createdBy,
    createdByName: row.createdByName,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    deletedAt: d.deletedAt ? d.deletedAt.toISOString() : null,
    publishedVersion: d.publishedVersion ?? null,
  };
}
