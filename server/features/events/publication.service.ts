import { and, eq, isNull, ne } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { eventRegistrations, eventVersions, events } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import { conflictsOfEvent } from '../../../shared/events.conflicts';
import type { Change } from '../../../shared/events.schema';
import { AGENDA_SOCKET, agendaRoom, type PublicAgenda } from '../../../shared/events.public.schema';
import { AppError, conflict, notFound } from '../../core/errors';
import { describeConflict } from './publication.conflicts';
import { eventsService } from './events.service';
import { buildSnapshot, compareWithPrevious, latestVersion, sameAgenda } from './publication.snapshot';
import { agendaChangedMail } from './registrations.mail';
import { availabilityOf } from './registrations.service';

export function publicationService(app: FastifyInstance) {
  const { db } = app;
  const eventsSvc = eventsService(app);

  return {
    /** Freezes the working copy as the next public version, then tells open pages and registered people. */
    publish(eventId: string, input: { note: string; confirmConflicts: boolean }, user: SessionUser): { version: number; changes: Change[] } {
      const detail = eventsSvc.detail(eventId, user);
      const conflicts = conflictsOfEvent(detail);
      if (conflicts.length > 0 && !input.confirmConflicts) {
        throw new AppError(409, 'agenda_conflicts', `Le programme comporte ${conflicts.length} conflit(s). Vérifiez-les, puis confirmez la publication.`,
          conflicts.map((c) => ({ path: c.sessionIds.join(','), message: describeConflict(c) })));
      }
      const result = db.transaction((tx) => {
        const previous = latestVersion(tx, eventId);
        const { snapshot, changes } = compareWithPrevious(buildSnapshot(tx, eventId), previous?.snapshot ?? null);
        const statusChanged = tx.update(events).set({ status: 'published' }).where(and(eq(events.id, eventId), ne(events.status, 'published'))).run().changes > 0;
        if (previous && sameAgenda(previous.snapshot, snapshot) && !input.note && !statusChanged) {
          throw conflict('Rien n’a changé depuis la dernière version publiée.', 'nothing_to_publish');
        }
        const version = (previous?.version ?? 0) + 1;
        tx.insert(eventVersions).values({ eventId, version, note: input.note, changes, snapshot, publishedBy: user.id }).run();
        return { version, changes, slug: snapshot.slug, title: snapshot.title };
      });
      app.io.of('/public').to(agendaRoom(result.slug)).emit(AGENDA_SOCKET.published, { slug: result.slug, version: result.version });
      if (result.version > 1 && (result.changes.length > 0 || input.note)) void this.tellRegistered(eventId, result.title, result.slug, result.changes, input.note);
      return { version: result.version, changes: result.changes };
    },

    async tellRegistered(eventId: string, title: string, slug: string, changes: Change[], note: string) {
      const people = db.select({ name: eventRegistrations.name, email: eventRegistrations.email }).from(eventRegistrations)
        .where(and(eq(eventRegistrations.eventId, eventId), isNull(eventRegistrations.cancelledAt))).all();
      for (const person of people) await app.mailer.send(agendaChangedMail(person, { title, url: `${app.config.publicUrl}/agenda/${slug}`, changes, note }));
    },

    /** The latest published version with its change log and live availability of workshops. */
    publicAgenda(slug: string): PublicAgenda & { eventId: string } {
      const event = db.select().from(events).where(eq(events.slug, slug)).get();
      const latest = event && event.status === 'published' ? latestVersion(db, event.id) : null;
      if (!event || !latest) throw notFound('Ce programme');
      const versions = db.select().from(eventVersions).where(eq(eventVersions.eventId, event.id)).all()
        .sort((a, b) => b.version - a.version)
        .map((v) => ({ version: v.version, publishedAt: v.publishedAt.toISOString(), note: v.note, changes: v.changes }));
      return {
        eventId: event.id, agenda: latest.snapshot, version: latest.version, publishedAt: latest.publishedAt.toISOString(),
        registrationOpen: event.registrationOpen, changelog: versions.filter((v) => v.version > 1 || v.note),
        availability: availabilityOf(db, latest.snapshot.sessions.filter((s) => s.kind === 'workshop').map((s) => s.id)),
      };
    },
  };
}
