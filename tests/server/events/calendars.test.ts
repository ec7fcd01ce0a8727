import { afterAll, beforeAll, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { startServer, type TestServer } from '../../helpers/server';
import { createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { buildEvent } from './fixture';

let server: TestServer;
let coordinator: HttpClient;
let day: Awaited<ReturnType<typeof buildEvent>>;
beforeAll(async () => {
  server = await startServer();
  coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
  day = await buildEvent(coordinator);
  expect((await coordinator.post(`/api/events/${day.id}/publish`, {})).status).toBe(200);
});
afterAll(() => server?.close());

async function parsedCalendar(path: string) {
  const res = await fetch(server.url + path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/calendar');
  const text = await res.text();
  for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
}
const paris = (e: ICAL.Event, which: 'startDate' | 'endDate') =>
  DateTime.fromJSDate(e[which].toJSDate(), { zone: 'Europe/Paris' }).toFormat('yyyy-MM-dd HH:mm');

it('gives the right Paris times on both sides of the spring clock change', async () => {
  const events = await parsedCalendar(`/agenda/${day.slug}.ics`);
  const byTitle = new Map(events.map((e) => [e.summary, e]));
  expect(paris(byTitle.get('Ouverture, parcours; partenaires')!, 'startDate')).toBe('2027-03-27 09:00');
  expect(paris(byTitle.get('Ouverture, parcours; partenaires')!, 'endDate')).toBe('2027-03-27 10:00');
  expect(paris(byTitle.get('Clôture')!, 'startDate')).toBe('2027-03-29 16:00');
  // Escaped text comes back whole, and the location names the room and the venue.
  expect(byTitle.get('Ouverture, parcours; partenaires')!.location).toBe('Amphithéâtre, Centre des congrès, 50 quai Charles-de-Gaulle, Lyon');
  expect(byTitle.get('Ouverture, parcours; partenaires')!.description).toContain('Claire Martin (Plateforme régionale ETP)');
});

it('gives the right times after the autumn change too', async () => {
  const slug = 'journee-automne';
  const ev = await coordinator.post('/api/events', { title: 'Journée d’automne', slug, days: [{ date: '2027-10-30', start: '09:00', end: '18:00' }, { date: '2027-11-02', start: '09:00', end: '18:00' }] });
  const add = (date: string, title: string) => coordinator.post(`/api/events/${ev.body.id}/sessions`, { kind: 'plenary', title, startsAt: day.at(date, '14:00'), endsAt: day.at(date, '15:30') });
  await add('2027-10-30', 'Avant');
  await add('2027-11-02', 'Après');
  await coordinator.post(`/api/events/${ev.body.id}/publish`, {});
  const events = await parsedCalendar(`/agenda/${slug}.ics`);
  expect(events.map((e) => [e.summary, paris(e, 'startDate'), e.startDate.toJSDate().toISOString()]).sort()).toEqual([
    ['Après', '2027-11-02 14:00', '2027-11-02T13:00:00.000Z'],
    ['Avant', '2027-10-30 14:00', '2027-10-30T12:00:00.000Z'],
  ]);
});

it('keeps UIDs stable and raises the SEQUENCE of a changed session only, across a republish', async () => {
  const before = await parsedCalendar(`/agenda/${day.slug}.ics`);
  const seq = (events: ICAL.Event[], title: string) => events.find((e) => e.summary === title)!.sequence;
  expect(seq(before, 'Clôture')).toBe(0);
  const moved = await coordinator.put(`/api/events/${day.id}/sessions/${day.monday}`, { kind: 'plenary', title: 'Clôture', roomId: day.amphi, startsAt: day.at('2027-03-29', '15:30'), endsAt: day.at('2027-03-29', '16:30') });
  expect(moved.status).toBe(200);
  // Not public until republished.
  expect(seq(await parsedCalendar(`/agenda/${day.slug}.ics`), 'Clôture')).toBe(0);
  const published = await coordinator.post(`/api/events/${day.id}/publish`, { note: 'La clôture est avancée d’une demi-heure.' });
  expect(published.body).toEqual({ version: 2, changes: [{ type: 'moved', title: 'Clôture' }] });

  const after = await parsedCalendar(`/agenda/${day.slug}.ics`);
  expect(after.map((e) => e.uid).sort()).toEqual(before.map((e) => e.uid).sort());
  expect(seq(after, 'Clôture')).toBe(1);
  expect(seq(after, 'Atelier mutualisation')).toBe(0);
  expect(paris(after.find((e) => e.summary === 'Clôture')!, 'startDate')).toBe('2027-03-29 15:30');

  const single = await parsedCalendar(`/agenda/${day.slug}/sessions/${day.monday}.ics`);
  expect(single.map((e) => [e.uid, e.sequence])).toEqual([[after.find((e) => e.summary === 'Clôture')!.uid, 1]]);
});

it('exports the agenda in the schedule.json shape', async () => {
  const res = await fetch(`${server.url}/agenda/${day.slug}/schedule.json`);
  expect(res.status).toBe(200);
  const { schedule } = await res.json();
  expect(schedule.version).toBe('2');
  const { conference } = schedule;
  expect(conference).toMatchObject({ acronym: 'journee_test', title: 'Journée test', start: '2027-03-27', end: '2027-03-29', daysCount: 2, time_zone_name: 'Europe/Paris' });
  expect(conference.rooms.map((r: { name: string }) => r.name)).toEqual(['Amphithéâtre', 'Salle 2']);
  expect(conference.days[0]).toMatchObject({ index: 0, date: '2027-03-27', day_start: '2027-03-27T09:00:00+01:00', day_end: '2027-03-27T17:00:00+01:00' });
  const [opening] = conference.days[0].rooms['Amphithéâtre'];
  expect(opening).toMatchObject({ guid: day.opening, title: 'Ouverture, parcours; partenaires', date: '2027-03-27T09:00:00+01:00', start: '09:00', duration: '01:00', room: 'Amphithéâtre', type: 'plenary', track: 'Mutualisation' });
  expect(opening.persons).toEqual([expect.objectContaining({ public_name: 'Claire Martin' })]);
  expect(conference.days[1].rooms['Amphithéâtre'][0]).toMatchObject({ date: '2027-03-29T15:30:00+02:00', start: '15:30', duration: '01:00' });
});

it('answers 404 for an agenda that is not published, and serves no draft', async () => {
  await coordinator.post('/api/events', { title: 'Brouillon', slug: 'brouillon-secret', days: [{ date: '2027-05-01', start: '09:00', end: '17:00' }] });
  expect((await fetch(`${server.url}/agenda/brouillon-secret.ics`)).status).toBe(404);
  expect((await fetch(`${server.url}/agenda/brouillon-secret/schedule.json`)).status).toBe(404);
  expect((await fetch(`${server.url}/api/events/public/brouillon-secret`)).status).toBe(404);
});

it('describes the agenda routes in the OpenAPI document', async () => {
  const doc = await (await fetch(`${server.url}/api/openapi.json`)).json();
  expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/events/public/{slug}', '/api/events/public/{slug}/registrations', '/agenda/{slug}/schedule.json']));
});
