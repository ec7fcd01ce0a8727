import type { FastifyInstance } from 'fastify';
import { untilDatabaseChanges } from '../../core/public-cache';

/**
 * What the public library and each published document depend on, read in one cheap statement per
 * request, so that their bytes are built (and a document rendered) once per version and kept in
 * app.publicCache. Only versions of record count: an edit of the working text changes nothing
 * here, so visitors keep the same bytes. Raw prepared statements: on every public read, query
 * building would cost more than the query.
 */
export function resourceVersions(app: FastifyInstance) {
  // In the library: a shown version and not in the trash. Which versions are shown (a publication
  // always makes a new number; leaving the trash moves no date: hence rowids), and the group names
  // beside them, make the library's version. Only indexes and the documents' rows are read: a
  // publication's row holds the document's whole state before created_at, and reading that column
  // walked its overflow pages on every request; dates are read when the bytes are built.
  const library = app.sqlite.prepare<[], { n: number; sum: number | null; names: string | null }>(`
    SELECT count(*) AS n, sum(d.rowid * 1000003 + d.published_version) AS sum,
      (SELECT group_concat(g.id || '=' || g.name, ';') FROM groups g WHERE g.id IN
        (SELECT group_id FROM documents WHERE published_version IS NOT NULL AND deleted_at IS NULL)) AS names
    FROM documents d JOIN document_publications p ON p.document_id = d.id AND p.number = d.published_version
    WHERE d.deleted_at IS NULL`);
  const libraryModifiedAt = app.sqlite.prepare<[], { at: number | null }>(`
    SELECT max(p.created_at) AS at
    FROM documents d JOIN document_publications p ON p.document_id = d.id AND p.number = d.published_version
    WHERE d.deleted_at IS NULL`);
  const resource = app.sqlite.prepare<[string], { shown: number; groupName: string }>(`
    SELECT d.published_version AS shown, g.name AS groupName
    FROM documents d JOIN groups g ON g.id = d.group_id
      JOIN document_publications p ON p.document_id = d.id AND p.number = d.published_version
    WHERE d.id = ? AND d.deleted_at IS NULL`);
  const publishedAt = app.sqlite.prepare<[string, number], { at: number }>(
    'SELECT created_at AS at FROM document_publications WHERE document_id = ? AND number = ?');

  // Read again only once the database changed: a visitor flood on the library costs no query.
  const remembered = untilDatabaseChanges(app.sqlite);

  return {
    library(): { key: string; modifiedAt: () => Date } {
      const v = remembered('library', () => library.get())!;
      return { key: `${v.n}|${v.sum}|${v.names}`, modifiedAt: () => new Date(libraryModifiedAt.get()!.at ?? 0) };
    },
    /** Null when the document is not (or no longer) in the library; `shown` is the version it shows. */
    resource(id: string): { key: string; shown: number; modifiedAt: () => Date } | null {
      const v = remembered(`resource:${id}`, () => resource.get(id));
      return v ? { key: `${v.shown}|${v.groupName}`, shown: v.shown, modifiedAt: () => new Date(publishedAt.get(id, v.shown)!.at) } : null;
    },
  };
}
