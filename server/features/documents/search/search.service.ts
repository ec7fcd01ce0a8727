import type { FastifyInstance } from 'fastify';
import type { SessionUser } from '../../../../shared/auth.schema';
import { DOCUMENT_LIMITS } from '../../../../shared/documents.schema';
import { groupAccess } from '../../groups/groups.policy';

interface Hit { documentId: string; title: string; groupId: string; groupName: string; snippet: string }

/** Every word becomes a quoted prefix term: FTS5 syntax typed by a person is never interpreted. */
export function ftsQuery(q: string): string | null {
  const words = q.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.slice(0, 12).map((w) => `"${w}"*`).join(' ');
}

/** Full-text search over the documents a person may read (the group policy decides, per group). */
export function searchService(app: FastifyInstance) {
  const candidates = app.sqlite.prepare(`
    SELECT f.document_id AS documentId, d.title AS title, d.group_id AS groupId, g.name AS groupName,
           snippet(documents_fts, -1, '', '', '…', 16) AS snippet
    FROM documents_fts f
    JOIN documents d ON d.id = f.document_id AND d.deleted_at IS NULL
    JOIN groups g ON g.id = d.group_id
    WHERE documents_fts MATCH ?
    ORDER BY rank
    LIMIT 500`);

  return {
    search(user: SessionUser, q: string): Hit[] {
      const match = ftsQuery(q);
      if (!match) return [];
      const readable = new Map<string, boolean>();
      const mayRead = (groupId: string) => {
        if (!readable.has(groupId)) readable.set(groupId, groupAccess(app.db, user, groupId).canRead);
        return readable.get(groupId)!;
      };
      const hits = (candidates.all(match) as Hit[]).filter((h) => mayRead(h.groupId));
      return hits.slice(0, DOCUMENT_LIMITS.searchResultsMax);
    },
  };
}
