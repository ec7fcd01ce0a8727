import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { eventRegistrations, eventSeats, eventSessions, events } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { HomeRegionalDay } from '../../../shared/home.schema';
import { utcToLocal } from '../../../shared/events.time';

/**
 * The next published regional day (its last day not yet past in its own time zone) and the
 * person's registration to it. Visitors register with an e-mail address and no account, so the
 * registration is the one made with the account's address; only its seats are shown here (the
 * personal link to manage it went to that address and is not kept in clear).
 */
export function nextRegionalDay(db: Db, user: SessionUser, now = Date.now()): HomeRegionalDay | null {
  const upcoming = db.select().from(events).where(eq(events.status, 'published')).all()
    .map((e) => {
      const days = [...e.days].sort((a, b) => a.date.localeCompare(b.date));
      return { e, first: days[0], last: days[days.length - 1] };
    })
    .filter(({ first, last, e }) => first && last.date >= utcToLocal(now, e.timeZone).date)
    .sort((a, b) => a.first.date.localeCompare(b.first.date) || a.first.start.localeCompare(b.first.start));
  const next = upcoming[0];
  if (!next) return null;
  const { e, first } = next;

  const registration = db.select({ id: eventRegistrations.id }).from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, e.id), sql`lower(${eventRegistrations.email}) = ${user.email.toLowerCase()}`, isNull(eventRegistrations.cancelledAt)))
    .orderBy(asc(eventRegistrations.createdAt)).get();
  const seats = registration
    ? db.select({ title: eventSessions.title, status: eventSeats.status, startsAt: eventSessions.startsAt })
      .from(eventSeats).innerJoin(eventSessions, eq(eventSessions.id, eventSeats.sessionId))
      .where(and(eq(eventSeats.registrationId, registration.id), inArray(eventSeats.status, ['confirmed', 'waiting'])))
      .orderBy(asc(eventSessions.startsAt)).all()
    : [];
  return {
    title: e.title,
    slug: e.slug,
    date: first.date,
    start: first.start,
    venue: e.venue,
    registrationOpen: e.registrationOpen,
    registration: registration ? { seats: seats.flatMap((s) => (s.status === 'cancelled' ? [] : [{ title: s.title, status: s.status }])) } : null,
  };
}
