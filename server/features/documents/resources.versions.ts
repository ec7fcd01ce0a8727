import type { FastifyInstance } from 'fastify';

/**
 * What the public library and each published document depend on, read in one cheap statement per
 * request, so that their bytes are built (and a document rendered) once per version and kept in
 * app.publicCache. Only versions of record count: an edit of the working text changes nothing
 * here, so visitors keep the same bytes. Raw prepared statements: on every public read, query
 * building would cost more than the query.
 */
export function resourceVersions(app: FastifyInstance) {
  // In the library: a shown version and not in the trash. Which versions are shown, and the group
  // names beside them, make the library's version (leaving the trash moves no date: hence rowids).
  const library = app.sqlite.prepare<[], { n: number; latest: number | null; sum: number | null; names: string | null }>(`
    SELECT count(*) AS n, max(p.created_at) AS latest, sum(d.rowid * 1000003 + d.published_version) AS sum,
      (SELECT group_concat(g.id || '=' || g.name, ';') FROM groups g WHERE g.id IN
        (SELECT group_id FROM documents WHERE published_version IS NOT NULL AND deleted_at IS NULL)) AS names
    FROM documents d JOIN document_publications p ON p.document_id = d.id AND p.number = d.published_version
    WHERE d.deleted_at IS NULL`);
  const resource = app.sqlite.prepare<[string], { shown: number; publishedAt: number; groupName: string }>(`
    SELECT d.published_version AS shown, p.created_at AS publishedAt, g.name AS groupName
    FROM documents d JOIN groups g ON g.id = d.group_id
      JOIN document_publications p ON p.document_id = d.id AND p.number = d.published_version
    WHERE d.id = ? AND d.deleted_at IS NULL`);

  return {
    library(): { key: string; modifiedAt: Date } {
      const v = library.get()!;
      return { key: `${v.n}|${v.latest}|${v.sum}|${v.names}`, modifiedAt: new Date(v.latest ?? 0) };
    },
    /** Null when the document is not (or no longer) in the library; `shown` is the version it shows. */
    resource(id: string): { key: string; shown: number; modifiedAt: Date } | null {
      const v = resource.get(id);
      return v ? { key: `${v.shown}|${v.publishedAt}|${v.groupName}`, shown: v.shown, modifiedAt: new Date(v.publishedAt) } : null;
    },
  };
}
