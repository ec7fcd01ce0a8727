import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { eventRegistrations, eventSeats, eventSessions } from '../../../db/schema/index';
import type { ParticipantKind } from '../../../shared/events.schema';
import type { registrationsListSchema } from '../../../shared/events.public.schema';
import type { z } from 'zod';
import { notFound } from '../../core/errors';
import { availabilityOf } from './registrations.service';

type RegistrationsList = z.infer<typeof registrationsListSchema>;

/** A spreadsheet must not run what a visitor typed: cells that start a formula are quoted as text. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

const KIND_LABELS: Record<ParticipantKind, string> = { professional: 'Professionnel·le', patient_or_association: 'Patient·e ou association', other: 'Autre' };
const STATUS_LABELS: Record<string, string> = { confirmed: 'Confirmé', waiting: "Liste d'attente", cancelled: 'Annulé' };

/** What organisers see and do with registrations. */
export function registrationsAdmin(app: FastifyInstance) {
  const { db } = app;
  return {
    list(eventId: string): RegistrationsList {
      const registrants = db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, eventId)).orderBy(asc(eventRegistrations.createdAt)).all();
      const byId = new Map(registrants.map((r) => [r.id, r]));
      const workshops = db.select({ id: eventSessions.id, title: eventSessions.title }).from(eventSessions)
        .where(and(eq(eventSessions.eventId, eventId), eq(eventSessions.kind, 'workshop'))).orderBy(asc(eventSessions.startsAt)).all();
      const availability = availabilityOf(db, workshops.map((w) => w.id));
      const seats = workshops.length ? db.select().from(eventSeats).where(inArray(eventSeats.sessionId, workshops.map((w) => w.id))).orderBy(asc(eventSeats.id)).all() : [];
      return {
        registrants: registrants.map((r) => ({
          id: r.id, name: r.name, email: r.email, organisation: r.organisation, participantKind: r.participantKind,
          createdAt: r.createdAt.toISOString(), cancelled: !!r.cancelledAt, attended: r.attended,
        })),
        workshops: workshops.map((w) => {
          let waiting = 0;
          return {
            sessionId: w.id, title: w.title, capacity: availability[w.id].capacity,
            seats: seats.filter((s) => s.sessionId === w.id).map((s) => ({
              registrationId: s.registrationId, name: byId.get(s.registrationId)?.name ?? '', organisation: byId.get(s.registrationId)?.organisation ?? '',
              status: s.status, position: s.status === 'waiting' ? ++waiting : null, attended: s.attended,
            })),
          };
        }),
      };
    },

    csv(eventId: string): string {
      const { registrants, workshops } = this.list(eventId);
      const header = ['Nom', 'E-mail', 'Organisation', 'Profil', 'Inscrit le', 'Statut', 'Présent', ...workshops.map((w) => w.title)];
      const rows = registrants.map((r) => [
        r.name, r.email, r.organisation, KIND_LABELS[r.participantKind], r.createdAt.slice(0, 10), r.cancelled ? 'Annulé' : 'Inscrit', r.attended ? 'oui' : 'non',
        ...workshops.map((w) => {
          const seat = w.seats.find((s) => s.registrationId === r.id);
          return seat ? STATUS_LABELS[seat.status] + (seat.position ? ` (${seat.position})` : '') : '';
        }),
      ]);
      // A BOM so that spreadsheet software reads the accents as UTF-8.
      return '\uFEFF' + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
    },

    setAttendance(eventId: string, registrationId: string, attended: boolean, sessionId?: string) {
      const reg = db.select({ id: eventRegistrations.id }).from(eventRegistrations)
        .where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.eventId, eventId))).get();
      if (!reg) throw notFound('Cette inscription');
      if (!sessionId) {
        db.update(eventRegistrations).set({ attended }).where(eq(eventRegistrations.id, registrationId)).run();
        return;
      }
      const done = db.update(eventSeats).set({ attended }).where(and(eq(eventSeats.registrationId, registrationId), eq(eventSeats.sessionId, sessionId))).run();
      if (done.changes === 0) throw notFound('Cette place en atelier');
    },
  };
}
