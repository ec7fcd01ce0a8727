import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import {
  eventOrganisers, eventRooms, eventSeats, eventSessions, eventSpeakers, eventTracks, events, users,
} from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { EventDetail, EventInput, EventSummary, Session } from '../../../shared/events.schema';
import { badRequest, conflict, notFound } from '../../core/errors';
import { eventAccess, requireEdit } from './events.policy';
import { buildSnapshot, latestVersion, sameAgenda } from './publication.snapshot';

type EventRow = typeof events.$inferSelect;

export function eventsService(app: FastifyInstance) {
  const { db } = app;
  const versionOf = (eventId: string) => latestVersion(db, eventId)?.version ?? 0;
  const summary = (row: EventRow, canEdit: boolean): EventSummary => ({
    id: row.id, slug: row.slug, title: row.title, venue: row.venue, timeZone: row.timeZone, days: row.days,
    status: row.status === 'published' ? 'published' : 'draft', version: versionOf(row.id),
    registrationOpen: row.registrationOpen, canEdit,
  });

  const slugTaken = (slug: string, exceptId?: string) => {
    const row = db.select({ id: events.id }).from(events).where(eq(events.slug, slug)).get();
    return !!row && row.id !== exceptId;
  };

  function checkUsers(userIds: string[]) {
    if (userIds.length === 0) return;
    const found = db.select({ id: users.id }).from(users).where(inArray(users.id, userIds)).all();
    if (found.length !== new Set(userIds).size) throw badRequest("Un des organisateurs choisis n'a pas de compte.");
  }

  return {
    list(user: SessionUser | null): EventSummary[] {
      const rows = db.select().from(events).orderBy(desc(events.createdAt)).all();
      return rows.flatMap((row) => {
        const access = eventAccess(db, user, row.id);
        return access?.canSee ? [summary(row, access.canEdit)] : [];
      }).sort((a, b) => (a.days[0]?.date ?? '').localeCompare(b.days[0]?.date ?? ''));
    },

    detail(eventId: string, user: SessionUser | null): EventDetail {
      const access = requireEdit(db, user, eventId);
      const row = db.select().from(events).where(eq(events.id, eventId)).get()!;
      const organisers = db.select({ id: users.id, name: users.name }).from(eventOrganisers)
        .innerJoin(users, eq(users.id, eventOrganisers.userId)).where(eq(eventOrganisers.eventId, eventId)).orderBy(asc(users.name)).all();
      const sessions: Session[] = db.select({ s: eventSessions, by: users.name }).from(eventSessions).leftJoin(users, eq(users.id, eventSessions.updatedBy))
        .where(eq(eventSessions.eventId, eventId)).orderBy(asc(eventSessions.startsAt)).all()
        .map(({ s, by }) => ({ ...s, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(), updatedBy: by }));
      const confirmed = Object.fromEntries(
        db.select({ sessionId: eventSeats.sessionId, n: count() }).from(eventSeats)
          .innerJoin(eventSessions, eq(eventSessions.id, eventSeats.sessionId))
          .where(and(eq(eventSessions.eventId, eventId), eq(eventSeats.status, 'confirmed')))
          .groupBy(eventSeats.sessionId).all().map((r) => [r.sessionId, r.n]),
      );
      const latest = latestVersion(db, eventId);
      return {
        ...summary(row, true), description: row.description, address: row.address, organisers,
        rooms: db.select({ id: eventRooms.id, name: eventRooms.name, capacity: eventRooms.capacity }).from(eventRooms)
          .where(eq(eventRooms.eventId, eventId)).orderBy(asc(eventRooms.position), asc(eventRooms.name)).all(),
        tracks: db.select({ id: eventTracks.id, name: eventTracks.name, colour: eventTracks.colour }).from(eventTracks)
          .where(eq(eventTracks.eventId, eventId)).orderBy(asc(eventTracks.name)).all(),
        speakers: db.select({ id: eventSpeakers.id, name: eventSpeakers.name, organisation: eventSpeakers.organisation, bio: eventSpeakers.bio, userId: eventSpeakers.userId })
          .from(eventSpeakers).where(eq(eventSpeakers.eventId, eventId)).orderBy(asc(eventSpeakers.name)).all(),
        sessions, confirmed,
        unpublishedChanges: row.status === 'published' && (!latest || !sameAgenda(latest.snapshot, buildSnapshot(db, eventId))),
        canManage: access.canManage,
      };
    },

    create(input: EventInput, createdBy: string): string {
      if (slugTaken(input.slug)) throw conflict('Cette adresse (slug) est déjà utilisée par un autre événement.', 'slug_taken');
      return db.insert(events).values({ ...input, createdBy }).returning({ id: events.id }).get().id;
    },

    update(eventId: string, input: EventInput) {
      if (slugTaken(input.slug, eventId)) throw conflict('Cette adresse (slug) est déjà utilisée par un autre événement.', 'slug_taken');
      const row = db.select({ status: events.status, slug: events.slug }).from(events).where(eq(events.id, eventId)).get();
      if (!row) throw notFound('Cet événement');
      // The public address is a promise to visitors and calendars: it is fixed once published.
      if (row.status === 'published' && row.slug !== input.slug) throw conflict("L'adresse publique d'un événement publié ne peut plus changer.", 'slug_locked');
      db.update(events).set(input).where(eq(events.id, eventId)).run();
    },

    setOrganisers(eventId: string, userIds: string[]) {
      checkUsers(userIds);
      db.transaction((tx) => {
        tx.delete(eventOrganisers).where(eq(eventOrganisers.eventId, eventId)).run();
        for (const userId of new Set(userIds)) tx.insert(eventOrganisers).values({ eventId, userId }).run();
      });
    },

    remove(eventId: string) {
      const done = db.delete(events).where(eq(events.id, eventId)).run();
      if (done.changes === 0) throw notFound('Cet événement');
    },
  };
}
