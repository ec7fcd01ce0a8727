import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { eventOrganisers, events } from '../../../db/schema/index';
import type { SessionUser } from '../../../shared/auth.schema';
import { forbidden, notFound } from '../../core/errors';

export interface EventAccess {
  eventId: string;
  status: 'draft' | 'published';
  /** Visitors and members see published events only. */
  canSee: boolean;
  /** Organisers and coordinators build the timetable and manage registrations. */
  canEdit: boolean;
  /** Coordinators create and delete events and name the organisers. */
  canManage: boolean;
}

/** Who may do what with an event: the one place that decides it, asked on every request. */
export function eventAccess(db: Db, user: SessionUser | null, eventId: string): EventAccess | null {
  const event = db.select({ status: events.status }).from(events).where(eq(events.id, eventId)).get();
  if (!event) return null;
  const coordinator = user?.role === 'coordinator';
  const organiser = !!user && !!db.select({ u: eventOrganisers.userId }).from(eventOrganisers)
    .where(and(eq(eventOrganisers.eventId, eventId), eq(eventOrganisers.userId, user.id))).get();
  const canEdit = coordinator || organiser;
  const status = event.status === 'published' ? 'published' : 'draft';
  return { eventId, status, canSee: canEdit || status === 'published', canEdit, canManage: coordinator };
}

/** The access of someone allowed to edit, or the error to send; a draft stays invisible to others. */
export function requireEdit(db: Db, user: SessionUser | null, eventId: string): EventAccess {
  const access = eventAccess(db, user, eventId);
  if (!access || !access.canSee) throw notFound('Cet événement');
  if (!access.canEdit) throw forbidden("Seuls les organisateurs de l'événement et la coordination peuvent le modifier.");
  return access;
}
