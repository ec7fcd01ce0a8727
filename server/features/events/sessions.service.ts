import { and, count, eq, inArray, max, ne, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { documents, eventRooms, eventSeats, eventSessions, eventSpeakers, eventTracks, events, users } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import type { roomInputSchema, sessionInputSchema, speakerInputSchema, trackInputSchema } from '../../../shared/events.schema';
import { utcToLocal } from '../../../shared/events.time';
import type { z } from 'zod';
import { badRequest, conflict, notFound } from '../../core/errors';
import { groupAccess } from '../groups/groups.policy';

type RoomInput = z.output<typeof roomInputSchema>;
type TrackInput = z.output<typeof trackInputSchema>;
type SpeakerInput = z.output<typeof speakerInputSchema>;
type SessionInput = z.output<typeof sessionInputSchema>;

/** Rooms, tracks, speakers and sessions of one event: the working copy organisers edit. */
export function sessionsService(app: FastifyInstance) {
  const { db } = app;
  const changed = (done: { changes: number }, what: string) => {
    if (done.changes === 0) throw notFound(what);
  };

  /** Everything a session points to must belong to the same event, and links must be visible to the editor. */
  function checkSession(eventId: string, input: SessionInput, user: SessionUser) {
    const owned = (table: typeof eventRooms | typeof eventTracks, itemId: string | null) =>
      !itemId || !!db.select({ id: table.id }).from(table).where(and(eq(table.id, itemId), eq(table.eventId, eventId))).get();
    if (!owned(eventRooms, input.roomId)) throw badRequest("Cette salle n'appartient pas à l'événement.");
    if (!owned(eventTracks, input.trackId)) throw badRequest("Ce thème n'appartient pas à l'événement.");
    const speakerIds = [...new Set(input.people.map((p) => p.speakerId))];
    if (speakerIds.length) {
      const found = db.select({ id: eventSpeakers.id }).from(eventSpeakers)
        .where(and(eq(eventSpeakers.eventId, eventId), inArray(eventSpeakers.id, speakerIds))).all();
      if (found.length !== speakerIds.length) throw badRequest("Un des intervenants n'appartient pas à l'événement.");
    }
    const zone = db.select({ timeZone: events.timeZone }).from(events).where(eq(events.id, eventId)).get()?.timeZone ?? 'Europe/Paris';
    const start = utcToLocal(Date.parse(input.startsAt), zone);
    const end = utcToLocal(Date.parse(input.endsAt), zone);
    // Past midnight only when asked: an end typed before the start (11:00–09:30) is almost always a slip.
    if (end.date !== start.date && end.time !== '00:00' && !input.overnight) {
      throw badRequest(`La fin (${end.time}) est avant le début (${start.time}) : corrigez l’heure de fin, ou cochez « Se termine le lendemain » pour une session de nuit.`, 'session_overnight_unconfirmed');
    }
    if (input.groupId && !groupAccess(db, user, input.groupId).canSee) throw badRequest('Ce groupe de travail est introuvable.');
    if (input.documentId) {
      // A document of the public library may be linked by anyone; others only by readers of their group.
      const doc = db.select({ groupId: documents.groupId, publishedVersion: documents.publishedVersion, deletedAt: documents.deletedAt }).from(documents).where(eq(documents.id, input.documentId)).get();
      if (!doc || doc.deletedAt || (doc.publishedVersion === null && !groupAccess(db, user, doc.groupId).canRead)) throw badRequest('Ce document est introuvable.');
    }
  }
  const sessionValues = ({ version: _v, overnight: _o, ...input }: SessionInput) => ({ ...input, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) });

  return {
    addRoom(eventId: string, input: RoomInput): string {
      const position = (db.select({ p: max(eventRooms.position) }).from(eventRooms).where(eq(eventRooms.eventId, eventId)).get()?.p ?? -1) + 1;
      return db.insert(eventRooms).values({ ...input, eventId, position }).returning({ id: eventRooms.id }).get().id;
    },
    updateRoom(eventId: string, roomId: string, input: RoomInput) {
      changed(db.update(eventRooms).set(input).where(and(eq(eventRooms.id, roomId), eq(eventRooms.eventId, eventId))).run(), 'Cette salle');
    },
    removeRoom(eventId: string, roomId: string) {
      changed(db.delete(eventRooms).where(and(eq(eventRooms.id, roomId), eq(eventRooms.eventId, eventId))).run(), 'Cette salle');
    },
    addTrack(eventId: string, input: TrackInput): string {
      return db.insert(eventTracks).values({ ...input, eventId }).returning({ id: eventTracks.id }).get().id;
    },
    updateTrack(eventId: string, trackId: string, input: TrackInput) {
      changed(db.update(eventTracks).set(input).where(and(eq(eventTracks.id, trackId), eq(eventTracks.eventId, eventId))).run(), 'Ce thème');
    },
    removeTrack(eventId: string, trackId: string) {
      changed(db.delete(eventTracks).where(and(eq(eventTracks.id, trackId), eq(eventTracks.eventId, eventId))).run(), 'Ce thème');
    },
    addSpeaker(eventId: string, input: SpeakerInput): string {
      return db.insert(eventSpeakers).values({ ...input, eventId }).returning({ id: eventSpeakers.id }).get().id;
    },
    updateSpeaker(eventId: string, speakerId: string, input: SpeakerInput) {
      changed(db.update(eventSpeakers).set(input).where(and(eq(eventSpeakers.id, speakerId), eq(eventSpeakers.eventId, eventId))).run(), 'Cet intervenant');
    },
    removeSpeaker(eventId: string, speakerId: string) {
      db.transaction((tx) => {
        changed(tx.delete(eventSpeakers).where(and(eq(eventSpeakers.id, speakerId), eq(eventSpeakers.eventId, eventId))).run(), 'Cet intervenant');
        // People are a JSON list on each session: drop the removed speaker from them.
        for (const s of tx.select({ id: eventSessions.id, people: eventSessions.people }).from(eventSessions).where(eq(eventSessions.eventId, eventId)).all()) {
          const people = s.people.filter((p) => p.speakerId !== speakerId);
          if (people.length !== s.people.length) tx.update(eventSessions).set({ people, version: sql`${eventSessions.version} + 1` }).where(eq(eventSessions.id, s.id)).run();
        }
      });
    },
    addSession(eventId: string, input: SessionInput, user: SessionUser): string {
      checkSession(eventId, input, user);
      return db.insert(eventSessions).values({ ...sessionValues(input), eventId, updatedBy: user.id }).returning({ id: eventSessions.id }).get().id;
    },
    /** Saves a session if nobody changed it since `input.version` (when given); returns the new version. */
    updateSession(eventId: string, sessionId: string, input: SessionInput, user: SessionUser): number {
      checkSession(eventId, input, user);
      const mine = and(eq(eventSessions.id, sessionId), eq(eventSessions.eventId, eventId));
      // The version check and the write are one statement: two organisers racing cannot both pass it.
      const saved = db.update(eventSessions).set({ ...sessionValues(input), version: sql`${eventSessions.version} + 1`, updatedBy: user.id })
        .where(input.version === undefined ? mine : and(mine, eq(eventSessions.version, input.version)))
        .returning({ version: eventSessions.version }).get();
      if (saved) return saved.version;
      const current = db.select({ version: eventSessions.version, by: users.name }).from(eventSessions)
        .leftJoin(users, eq(users.id, eventSessions.updatedBy)).where(mine).get();
      if (!current) throw notFound('Cette session');
      throw conflict(`Cette session vient d'être modifiée par ${current.by ?? 'un autre organisateur'} : voici la version à jour.`, 'session_stale');
    },
    removeSession(eventId: string, sessionId: string) {
      // Seats belong to the people who took them: a workshop with registrations is not silently dropped.
      const taken = db.select({ n: count() }).from(eventSeats).where(and(eq(eventSeats.sessionId, sessionId), ne(eventSeats.status, 'cancelled'))).get()?.n ?? 0;
      if (taken > 0) throw conflict(`Cette session compte ${taken} inscription(s) : déplacez-la ou changez-la plutôt que de la supprimer.`, 'session_has_registrations');
      changed(db.delete(eventSessions).where(and(eq(eventSessions.id, sessionId), eq(eventSessions.eventId, eventId))).run(), 'Cette session');
    },
  };
}
