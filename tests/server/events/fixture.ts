import { expect } from 'vitest';
import type { HttpClient } from '../../helpers/http';
import { localToUtc } from '../../../shared/events.time';

const at = (date: string, time: string) => new Date(localToUtc(date, time, 'Europe/Paris')).toISOString();

/** Creates through the API what a test needs, failing loudly on any refusal. */
export async function made(reply: Promise<{ status: number; body: any }>): Promise<string> {
  const r = await reply;
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

/**
 * A two-day event on each side of the 2027 spring clock change (Saturday 27 and Monday 29 March),
 * with one small workshop room.
 */
export async function buildEvent(client: HttpClient, slug = 'journee-test') {
  const id = await made(client.post('/api/events', {
    title: 'Journée test', slug, venue: 'Centre des congrès', address: '50 quai Charles-de-Gaulle, Lyon',
    days: [{ date: '2027-03-27', start: '09:00', end: '17:00' }, { date: '2027-03-29', start: '09:00', end: '17:00' }],
    registrationOpen: true,
  }));
  const amphi = await made(client.post(`/api/events/${id}/rooms`, { name: 'Amphithéâtre', capacity: 200 }));
  const salle = await made(client.post(`/api/events/${id}/rooms`, { name: 'Salle 2', capacity: 2 }));
  const track = await made(client.post(`/api/events/${id}/tracks`, { name: 'Mutualisation', colour: '#0b5f6a' }));
  const speaker = await made(client.post(`/api/events/${id}/speakers`, { name: 'Claire Martin', organisation: 'Plateforme régionale ETP' }));
  const session = (values: Record<string, unknown>) => made(client.post(`/api/events/${id}/sessions`, { kind: 'plenary', roomId: amphi, trackId: track, ...values }));
  const opening = await session({ title: 'Ouverture, parcours; partenaires', startsAt: at('2027-03-27', '09:00'), endsAt: at('2027-03-27', '10:00'), people: [{ speakerId: speaker, role: 'speaker' }] });
  const workshop = await session({ kind: 'workshop', title: 'Atelier mutualisation', roomId: salle, startsAt: at('2027-03-27', '10:30'), endsAt: at('2027-03-27', '12:00') });
  const monday = await session({ title: 'Clôture', startsAt: at('2027-03-29', '16:00'), endsAt: at('2027-03-29', '17:00') });
  return { id, slug, amphi, salle, track, speaker, opening, workshop, monday, at };
}
