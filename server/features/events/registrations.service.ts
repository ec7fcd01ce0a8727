import { and, asc, count, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../db/client';
import { eventRegistrations, eventRooms, eventSeats, eventSessions, events } from '../../../db/schema/index';
import { overlaps } from '../../../shared/events.conflicts';
import {
  AGENDA_SOCKET, agendaRoom, type Availability, type RegistrationReceived, type RegistrationReply, type Seat, type registrationInputSchema,
} from '../../../shared/events.public.schema';
import type { z } from 'zod';
import { AppError, badRequest, conflict, notFound } from '../../core/errors';
import { hashToken, newToken } from '../../core/tokens';
import { latestVersion } from './publication.snapshot';
import { confirmationMail, linkMail, promotionMail } from './registrations.mail';

type Reader = Pick<Db, 'select'>;

/** A workshop's own capacity, else its room's; null means no limit. */
function capacityOf(db: Reader, sessionId: string): number | null {
  const row = db.select({ own: eventSessions.capacity, room: eventRooms.capacity }).from(eventSessions)
    .leftJoin(eventRooms, eq(eventRooms.id, eventSessions.roomId)).where(eq(eventSessions.id, sessionId)).get();
  return row?.own ?? row?.room ?? null;
}
const countSeats = (db: Reader, sessionId: string, status: Seat['status']) =>
  db.select({ n: count() }).from(eventSeats).where(and(eq(eventSeats.sessionId, sessionId), eq(eventSeats.status, status))).get()?.n ?? 0;

export function availabilityOf(db: Reader, sessionIds: string[]): Record<string, Availability> {
  return Object.fromEntries(sessionIds.map((id) => [id, { capacity: capacityOf(db, id), confirmed: countSeats(db, id, 'confirmed'), waiting: countSeats(db, id, 'waiting') }]));
}

/** 1 for the next person to get a seat. */
const positionOf = (db: Reader, seat: { id: number; sessionId: string }) =>
  (db.select({ n: count() }).from(eventSeats).where(and(eq(eventSeats.sessionId, seat.sessionId), eq(eventSeats.status, 'waiting'), lt(eventSeats.id, seat.id))).get()?.n ?? 0) + 1;

export function registrationsService(app: FastifyInstance) {
  const { db } = app;

  function present(registrationId: string): RegistrationReply['registration'] {
    const reg = db.select().from(eventRegistrations).where(eq(eventRegistrations.id, registrationId)).get()!;
    const event = db.select({ title: events.title, slug: events.slug }).from(events).where(eq(events.id, reg.eventId)).get()!;
    const seats: Seat[] = db.select({ id: eventSeats.id, sessionId: eventSeats.sessionId, status: eventSeats.status, title: eventSessions.title, startsAt: eventSessions.startsAt })
      .from(eventSeats).innerJoin(eventSessions, eq(eventSessions.id, eventSeats.sessionId))
      .where(eq(eventSeats.registrationId, registrationId)).orderBy(asc(eventSessions.startsAt)).all()
      .map((s) => ({ sessionId: s.sessionId, title: s.title, status: s.status, position: s.status === 'waiting' ? positionOf(db, s) : null }));
    return { name: reg.name, email: reg.email, eventTitle: event.title, eventSlug: event.slug, cancelled: !!reg.cancelledAt, seats };
  }

  function byToken(token: string) {
    const reg = db.select().from(eventRegistrations).where(eq(eventRegistrations.tokenHash, hashToken(token))).get();
    if (!reg) throw notFound('Cette inscription');
    return reg;
  }

  /** Open agenda pages get the new seat counts in the message itself, so a busy day costs no refetch storm. */
  const announce = (eventId: string) => {
    const event = db.select({ slug: events.slug }).from(events).where(eq(events.id, eventId)).get();
    const published = event ? latestVersion(db, eventId) : null;
    if (!event || !published) return;
    const availability = availabilityOf(db, published.snapshot.sessions.filter((s) => s.kind === 'workshop').map((s) => s.id));
    app.io.of('/public').to(agendaRoom(event.slug)).emit(AGENDA_SOCKET.availability, { slug: event.slug, availability });
  };

  /** Gives freed seats to the people waiting, first come first served; returns who got one. */
  function fill(tx: Reader & Pick<Db, 'update'>, sessionId: string): Array<{ registrationId: string; sessionId: string }> {
    const capacity = capacityOf(tx, sessionId);
    const promoted: Array<{ registrationId: string; sessionId: string }> = [];
    while (capacity === null || countSeats(tx, sessionId, 'confirmed') < capacity) {
      const next = tx.select({ id: eventSeats.id, registrationId: eventSeats.registrationId }).from(eventSeats)
        .where(and(eq(eventSeats.sessionId, sessionId), eq(eventSeats.status, 'waiting'))).orderBy(asc(eventSeats.id)).limit(1).get();
      if (!next) break;
      tx.update(eventSeats).set({ status: 'confirmed' }).where(eq(eventSeats.id, next.id)).run();
      promoted.push({ registrationId: next.registrationId, sessionId });
    }
    return promoted;
  }

  async function tellPromoted(promoted: Array<{ registrationId: string; sessionId: string }>) {
    for (const p of promoted) {
      const person = present(p.registrationId);
      const title = person.seats.find((s) => s.sessionId === p.sessionId)?.title ?? '';
      await app.mailer.send(promotionMail(person, title, `${app.config.publicUrl}/agenda/${person.eventSlug}`));
    }
  }

  /**
   * Someone registers an address that already is: only that mailbox gets a fresh personal link
   * (the old one stops working), so a registration made in another person's name can be found
   * and cancelled by its owner, and nobody learns or takes over someone else's registration. The
   * visitor gets the same answer as for a new address. Without e-mail nothing can reach the owner,
   * and a new registration would show its link on screen anyway: then the conflict is said.
   */
  async function resendLink(registrationId: string, email: string): Promise<RegistrationReceived> {
    if (!app.mailer.enabled) {
      throw conflict('Cette adresse e-mail est déjà inscrite. Le lien reçu lors de l’inscription permet de la consulter ou de l’annuler.', 'already_registered');
    }
    const token = newToken();
    db.update(eventRegistrations).set({ tokenHash: hashToken(token) }).where(eq(eventRegistrations.id, registrationId)).run();
    const emailSent = await app.mailer.send(linkMail(present(registrationId), `${app.config.publicUrl}/inscription/${token}`));
    return { email, emailSent };
  }

  return {
    /** A registration as its owner reads it (seats, waiting positions). */
    present,

    async register(slug: string, input: z.output<typeof registrationInputSchema>): Promise<RegistrationReceived> {
      const event = db.select().from(events).where(eq(events.slug, slug)).get();
      const published = event && event.status === 'published' ? latestVersion(db, event.id) : null;
      if (!event || !published) throw notFound('Ce programme');
      if (!event.registrationOpen) throw conflict('Les inscriptions à cette journée sont fermées.', 'registrations_closed');
      const workshopIds = [...new Set(input.workshopIds)];
      const workshops = published.snapshot.sessions.filter((s) => s.kind === 'workshop' && workshopIds.includes(s.id));
      const live = workshopIds.length ? db.select({ id: eventSessions.id }).from(eventSessions).where(and(eq(eventSessions.eventId, event.id), inArray(eventSessions.id, workshopIds))).all() : [];
      if (workshops.length !== workshopIds.length || live.length !== workshopIds.length) throw badRequest("Un des ateliers choisis n'existe pas ou n'est pas ouvert aux inscriptions.");
      const times = workshops.map((w) => ({ ...w, startsAt: Date.parse(w.startsAt), endsAt: Date.parse(w.endsAt) }));
      const clash = times.find((a, i) => times.some((b, j) => j > i && overlaps(a, b)));
      if (clash) throw badRequest(`Vous avez choisi deux ateliers qui ont lieu en même temps (dont « ${clash.title} »). Gardez-en un seul par créneau.`, 'workshops_overlap');

      const token = newToken();
      // Check-and-insert in ONE immediate transaction: of two people racing for the last seat, exactly one gets it.
      const outcome = db.transaction((tx) => {
        const already = tx.select({ id: eventRegistrations.id }).from(eventRegistrations)
          .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.email, input.email), isNull(eventRegistrations.cancelledAt))).get();
        if (already) return { isNew: false as const, id: already.id };
        const id = tx.insert(eventRegistrations).values({
          eventId: event.id, name: input.name, email: input.email, organisation: input.organisation,
          participantKind: input.participantKind, tokenHash: hashToken(token),
        }).returning({ id: eventRegistrations.id }).get().id;
        for (const w of workshops) {
          const capacity = capacityOf(tx, w.id);
          const full = capacity !== null && countSeats(tx, w.id, 'confirmed') >= capacity;
          tx.insert(eventSeats).values({ registrationId: id, sessionId: w.id, status: full ? 'waiting' : 'confirmed' }).run();
        }
        return { isNew: true as const, id };
      }, { behavior: 'immediate' });
      if (!outcome.isNew) return resendLink(outcome.id, input.email);

      const registration = present(outcome.id);
      const manageUrl = `${app.config.publicUrl}/inscription/${token}`;
      const emailSent = app.mailer.enabled && (await app.mailer.send(confirmationMail(registration, manageUrl, `${app.config.publicUrl}/agenda/${slug}`)));
      announce(event.id);
      return emailSent ? { email: input.email, emailSent } : { email: input.email, emailSent, registration, manageUrl };
    },

    /**
     * After a room or a workshop grows, the people waiting get the new seats, in order, and are told.
     * Called after every timetable change that may touch capacities.
     */
    async refill(eventId: string) {
      const workshops = db.select({ id: eventSessions.id }).from(eventSessions)
        .where(and(eq(eventSessions.eventId, eventId), eq(eventSessions.kind, 'workshop'))).all();
      const promoted = db.transaction((tx) => workshops.flatMap((w) => fill(tx, w.id)), { behavior: 'immediate' });
      if (promoted.length === 0) return;
      await tellPromoted(promoted);
      announce(eventId);
    },

    show(token: string): RegistrationReply {
      return { registration: present(byToken(token).id) };
    },

    /** Cancels one workshop or the whole registration, then hands the freed seats on. */
    async cancel(token: string, sessionId?: string): Promise<RegistrationReply> {
      const reg = byToken(token);
      if (reg.cancelledAt) throw new AppError(410, 'registration_cancelled', 'Cette inscription est déjà annulée.');
      const promoted = db.transaction((tx) => {
        const seats = tx.select().from(eventSeats).where(and(eq(eventSeats.registrationId, reg.id), sessionId ? eq(eventSeats.sessionId, sessionId) : undefined)).all()
          .filter((s) => s.status !== 'cancelled');
        if (sessionId && seats.length === 0) throw notFound('Cet atelier dans votre inscription');
        if (seats.length) tx.update(eventSeats).set({ status: 'cancelled' }).where(inArray(eventSeats.id, seats.map((s) => s.id))).run();
        if (!sessionId) tx.update(eventRegistrations).set({ cancelledAt: new Date() }).where(eq(eventRegistrations.id, reg.id)).run();
        return seats.filter((s) => s.status === 'confirmed').flatMap((s) => fill(tx, s.sessionId));
      }, { behavior: 'immediate' });
      await tellPromoted(promoted);
      announce(reg.eventId);
      return { registration: present(reg.id) };
    },
  };
}
