import { z } from 'zod';

/** Organisers editing one event follow its changes on the default (authenticated) namespace. */
export const EDITORS_SOCKET = { join: 'event-editors:join', leave: 'event-editors:leave', changed: 'event-editors:changed' } as const;
export const editorsRoom = (eventId: string) => `event-editors:${eventId}`;
export const editorsJoinSchema = z.object({ eventId: z.string().min(1).max(64) });

export const EDITED_PARTS = ['settings', 'organisers', 'rooms', 'tracks', 'speakers', 'sessions', 'publication'] as const;
/** Sent after each committed change; editors re-fetch the event. */
export const editorsChangedSchema = z.object({
  eventId: z.string(),
  part: z.enum(EDITED_PARTS),
  itemId: z.string().nullable(),
  /** Name of the person who made the change, and their id (a page does not announce its own changes). */
  by: z.string(),
  byId: z.string(),
});
export type EditorsChanged = z.infer<typeof editorsChangedSchema>;
