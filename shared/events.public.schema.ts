import { z } from 'zod';
import { emailSchema } from './auth.schema';
import {
  EVENT_LIMITS, changeSchema, eventDaySchema, participantKindSchema, roomSchema, sessionKindSchema, trackSchema,
} from './events.schema';

// What visitors read and send: the published agenda, registrations, the live-update socket.

export const publicSpeakerSchema = z.object({ id: z.string(), name: z.string(), organisation: z.string(), bio: z.string(), role: z.enum(['speaker', 'moderator']) });
export const publicSessionSchema = z.object({
  id: z.string(), kind: sessionKindSchema, title: z.string(), description: z.string(),
  startsAt: z.string(), endsAt: z.string(), roomId: z.string().nullable(), trackId: z.string().nullable(),
  speakers: z.array(publicSpeakerSchema),
  group: z.object({ id: z.string(), name: z.string() }).nullable(),
  document: z.object({ id: z.string(), title: z.string() }).nullable(),
  /** Grows each time a published version changes this session (the ICS SEQUENCE). */
  sequence: z.number().int(),
});
export type PublicSession = z.infer<typeof publicSessionSchema>;

/** The frozen content of one published version. */
export const agendaSnapshotSchema = z.object({
  title: z.string(), slug: z.string(), description: z.string(), venue: z.string(), address: z.string(),
  timeZone: z.string(), days: z.array(eventDaySchema),
  rooms: z.array(roomSchema), tracks: z.array(trackSchema), sessions: z.array(publicSessionSchema),
});
export type AgendaSnapshot = z.infer<typeof agendaSnapshotSchema>;

export const versionSchema = z.object({ version: z.number().int(), publishedAt: z.string(), note: z.string(), changes: z.array(changeSchema) });
export const availabilitySchema = z.object({ capacity: z.number().int().nullable(), confirmed: z.number().int(), waiting: z.number().int() });
export type Availability = z.infer<typeof availabilitySchema>;

export const publicAgendaSchema = z.object({
  agenda: agendaSnapshotSchema,
  version: z.number().int(),
  publishedAt: z.string(),
  registrationOpen: z.boolean(),
  changelog: z.array(versionSchema),
  availability: z.record(z.string(), availabilitySchema),
});
export type PublicAgenda = z.infer<typeof publicAgendaSchema>;

export const registrationInputSchema = z.object({
  name: z.string().trim().min(2).max(EVENT_LIMITS.nameMax),
  email: emailSchema,
  organisation: z.string().trim().max(EVENT_LIMITS.titleMax).default(''),
  participantKind: participantKindSchema,
  workshopIds: z.array(z.string().min(1).max(64)).max(10).default([]),
});
export type RegistrationInput = z.input<typeof registrationInputSchema>;

export const SEAT_STATUSES = ['confirmed', 'waiting', 'cancelled'] as const;
export const seatSchema = z.object({
  sessionId: z.string(), title: z.string(), status: z.enum(SEAT_STATUSES),
  /** Place in the waiting list (1 = next to get a seat), null unless waiting. */
  position: z.number().int().nullable(),
});
export type Seat = z.infer<typeof seatSchema>;
export const registrationSchema = z.object({
  name: z.string(), email: z.string(), eventTitle: z.string(), eventSlug: z.string(),
  cancelled: z.boolean(), seats: z.array(seatSchema),
});
/** A registration read or changed through its personal link. */
export const registrationReplySchema = z.object({ registration: registrationSchema });
export type RegistrationReply = z.infer<typeof registrationReplySchema>;

/**
 * The answer to "register me". When e-mail is configured it is the same for a new address and for
 * one already registered: the mailbox learns which (a confirmation, or a fresh personal link), the
 * visitor's screen does not, so nobody can test who comes. Without e-mail (or when sending failed)
 * a new registration carries its seats and personal link: nothing else could reach the person.
 */
export const registrationReceivedSchema = z.object({
  email: z.string(),
  emailSent: z.boolean(),
  registration: registrationSchema.optional(),
  manageUrl: z.string().optional(),
});
export type RegistrationReceived = z.infer<typeof registrationReceivedSchema>;
export const tokenParamsSchema = z.object({ token: z.string().min(20).max(100) });

/** "Resend my link": the answer never says whether the address is registered. */
export const resendLinkInputSchema = z.object({ email: emailSchema });
export const resendLinkReplySchema = z.object({
  ok: z.literal(true),
  /** Without e-mail configured nothing can be sent: the visitor is told to ask the organisers. */
  emailEnabled: z.boolean(),
});
export const cancelInputSchema = z.object({ sessionId: z.string().min(1).max(64).optional() });

/** Organisers' view of registrations. */
export const registrantSchema = z.object({
  id: z.string(), name: z.string(), email: z.string(), organisation: z.string(), participantKind: participantKindSchema,
  createdAt: z.string(), cancelled: z.boolean(), attended: z.boolean(),
});
export const workshopRegistrationsSchema = z.object({
  sessionId: z.string(), title: z.string(), capacity: z.number().int().nullable(),
  seats: z.array(z.object({ registrationId: z.string(), name: z.string(), organisation: z.string(), status: z.enum(SEAT_STATUSES), position: z.number().int().nullable(), attended: z.boolean() })),
});
export const registrationsListSchema = z.object({ registrants: z.array(registrantSchema), workshops: z.array(workshopRegistrationsSchema) });
export const attendanceInputSchema = z.object({ attended: z.boolean(), sessionId: z.string().min(1).max(64).optional() });

/** Socket.IO `/public` namespace: a visitor follows one agenda page. */
export const agendaJoinSchema = z.object({ slug: z.string().min(1).max(EVENT_LIMITS.slugMax) });
export const AGENDA_SOCKET = { join: 'agenda:join', leave: 'agenda:leave', published: 'agenda:published', availability: 'agenda:availability' } as const;
export const agendaRoom = (slug: string) => `agenda:${slug}`;
export const agendaPublishedSchema = z.object({ slug: z.string(), version: z.number().int() });
export const agendaAvailabilitySchema = z.object({ slug: z.string(), availability: z.record(z.string(), availabilitySchema) });
