import type { Conflict } from '../../../shared/events.conflicts';

// The same sentences as the editor's (client/i18n/fr/events.json), for API clients reading the 409.
const TEMPLATES: Record<Conflict['code'], string> = {
  room_double_booked: 'La salle {room} est réservée deux fois : « {session} » et « {other} » se chevauchent le {date} ({start}–{end}).',
  speaker_double_booked: '{speaker} est attendu·e à deux endroits à la fois : « {session} » et « {other} » le {date} ({start}–{end}).',
  outside_day: '« {session} » ({date}, {start}–{end}) sort des horaires de la journée.',
  over_capacity: "L'atelier « {session} » compte {registered} inscrits pour {capacity} places dans la salle {room}.",
};

export const describeConflict = (c: Conflict) =>
  TEMPLATES[c.code].replace(/\{(\w+)\}/g, (_m, key: string) => String(c.params[key] ?? ''));
