import type { FastifyInstance } from 'fastify';
import { notFound } from '../../core/errors';
import { untilDatabaseChanges } from '../../core/public-cache';

export interface AgendaHead { eventId: string; version: number; publishedAt: () => Date }

/**
 * What each public read of an agenda depends on, read in one cheap statement per request, so
 * that its bytes are built once per version (app.publicCache) instead of once per visitor.
 * Raw prepared statements: these run on every public read, where query building would cost
 * more than the query.
 */
export function agendaVersions(app: FastifyInstance) {
  // Reads the version from the (event_id, version) index only: the version's row holds the whole
  // snapshot before created_at, and reading that column walked its overflow pages on every request.
  const head = app.sqlite.prepare<[string], { eventId: string; version: number; open: number }>(`
    SELECT e.id AS eventId, max(v.version) AS version, e.registration_open AS open
    FROM events e JOIN event_versions v ON v.event_id = e.id
    WHERE e.slug = ? AND e.status = 'published' GROUP BY e.id`);
  // When that version was published: only when the bytes of a new version are built.
  const publishedAt = app.sqlite.prepare<[string, number], { at: number }>(
    'SELECT created_at AS at FROM event_versions WHERE event_id = ? AND version = ?');
  // Availability (registrations.service availabilityOf): each session's capacity (its own, else
  // its room's) and seat counts, here for every session of the working copy: any change is a new version.
  const seats = app.sqlite.prepare<[string], { seats: string | null }>(`
    SELECT group_concat(s.id || '=' || ifnull(s.capacity, ifnull(r.capacity, '')) || ':'
      || (SELECT count(*) FROM event_seats WHERE session_id = s.id AND status = 'confirmed') || ':'
      || (SELECT count(*) FROM event_seats WHERE session_id = s.id AND status = 'waiting'), ';') AS seats
    FROM event_sessions s LEFT JOIN event_rooms r ON r.id = s.room_id WHERE s.event_id = ?`);

  // Read again only once the database changed: a visitor flood on a published agenda costs no query.
  const remembered = untilDatabaseChanges(app.sqlite);

  const present = (row: { eventId: string; version: number; open: number }) => ({
    eventId: row.eventId, version: row.version, open: row.open === 1,
    publishedAt: () => new Date(publishedAt.get(row.eventId, row.version)!.at),
  });

  return {
    /** The latest published version: the calendars and schedule.json change with it only. */
    head(slug: string): AgendaHead {
      const row = remembered(`head:${slug}`, () => head.get(slug));
      if (!row) throw notFound('Ce programme');
      return present(row);
    },
    /** The agenda JSON also shows whether registration is open and the live seat counts. */
    agenda(slug: string): AgendaHead & { key: string } {
      // Both reads under one key: one look at whether the database changed, not two.
      const found = remembered(`agenda:${slug}`, () => {
        const row = head.get(slug);
        return row && { row, seats: seats.get(row.eventId)!.seats ?? '' };
      });
      if (!found) throw notFound('Ce programme');
      const h = present(found.row);
      return { ...h, key: `${h.version}|${h.open}|${found.seats}` };
    },
  };
}

/** Resource names in app.publicCache; a publication drops every one of its event. */
export const agendaResource = (eventId: string, what: string) => `agenda:${eventId}:${what}`;
