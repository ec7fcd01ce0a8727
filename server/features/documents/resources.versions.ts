import type { FastifyInstance } from 'fastify';

/**
 * What the public library and each published document depend on, read in one cheap statement per
 * request, so that their bytes are built (and a document rendered) once per version and kept in
 * app.publicCache. Raw prepared statements: on every public read, query building would cost more
 * than the query.
 */
export function resourceVersions(app: FastifyInstance) {
  // Every change to a document bumps updated_at (text, title, themes, status), leaving the trash
  // does not: hence the rowids too. Group names are shown beside each document.
  const library = app.sqlite.prepare<[], { n: number; latest: number | null; sum: number | null; rowids: number | null; names: string | null }>(`
    SELECT count(*) AS n, max(d.updated_at) AS latest, sum(d.updated_at) AS sum, sum(d.rowid) AS rowids,
      (SELECT group_concat(g.id || '=' || g.name, ';') FROM groups g WHERE g.id IN
        (SELECT group_id FROM documents WHERE status = 'published' AND deleted_at IS NULL)) AS names
    FROM documents d WHERE d.status = 'published' AND d.deleted_at IS NULL`);
  const resource = app.sqlite.prepare<[string], { updatedAt: number; title: string; kind: string; themes: string; groupName: string }>(`
    SELECT d.updated_at AS updatedAt, d.title AS title, d.kind AS kind, d.themes AS themes, g.name AS groupName
    FROM documents d JOIN groups g ON g.id = d.group_id
    WHERE d.id = ? AND d.status = 'published' AND d.deleted_at IS NULL`);

  return {
    library(): { key: string; modifiedAt: Date } {
      const v = library.get()!;
      return { key: `${v.n}|${v.latest}|${v.sum}|${v.rowids}|${v.names}`, modifiedAt: new Date(v.latest ?? 0) };
    },
    /** Null when the document is not (or no longer) published. */
    resource(id: string): { key: string; modifiedAt: Date } | null {
      const v = resource.get(id);
      return v ? { key: `${v.updatedAt}|${v.groupName}|${v.title}|${v.kind}|${v.themes}`, modifiedAt: new Date(v.updatedAt) } : null;
    },
  };
}
