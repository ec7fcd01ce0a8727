import { afterAll, beforeAll, expect, it } from 'vitest';
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
});
afterAll(() => server?.close());

const event = (days: Array<{ date: string; start: string; end: string }>, slug = 'journee-a-valider') =>
  coordinator.post('/api/events', { title: 'Journée à valider', slug, days });

it('refuses an event dated 31/12/9999 and says which years are possible', async () => {
  const r = await event([{ date: '9999-12-31', start: '09:00', end: '17:00' }]);
  expect(r.status).toBe(400);
  expect(r.body.code).toBe('validation');
  expect(r.body.message).toMatch(/Date impossible ou trop lointaine : choisissez un jour entre 2000 et \d{4}\./);
  expect(r.body.details.map((d: { path: string }) => d.path)).toEqual(['body.days.0.date']);
});

it('refuses a date that does not exist (30 February)', async () => {
  expect((await event([{ date: '2027-02-30', start: '09:00', end: '17:00' }])).status).toBe(400);
});

it('refuses a day that closes before it opens (18:00 → 08:00) unless asked, and the same day twice', async () => {
  const r = await event([{ date: '2027-06-10', start: '18:00', end: '08:00' }]);
  expect(r.status).toBe(400);
  expect(r.body.message).toContain('La fermeture est avant l’ouverture : corrigez l’heure, ou cochez « Ferme après minuit » pour une soirée.');
  const evening = await coordinator.post('/api/events', { title: 'Soirée', slug: 'soiree-etp', days: [{ date: '2027-06-11', start: '18:00', end: '01:00', overnight: true }] });
  expect(evening.status).toBe(201);
  expect((await coordinator.get(`/api/events/${evening.body.id}`)).body.event.days).toEqual([{ date: '2027-06-11', start: '18:00', end: '01:00' }]);
  const twice = await event([{ date: '2027-06-10', start: '09:00', end: '12:00' }, { date: '2027-06-10', start: '14:00', end: '17:00' }]);
  expect(twice.status).toBe(400);
  expect(twice.body.message).toContain('Chaque jour ne peut figurer qu’une fois.');
  // Nothing was created by the refusals; a sound day is accepted.
  expect((await event([{ date: '2027-06-10', start: '09:00', end: '17:00' }])).status).toBe(201);
});

it('refuses a session whose end falls before its start unless the organiser asks for an overnight session', async () => {
  const body = { kind: 'plenary', title: 'Veillée', startsAt: day.at('2027-03-27', '11:00'), endsAt: day.at('2027-03-28', '09:30') };
  const refused = await coordinator.post(`/api/events/${day.id}/sessions`, body);
  expect(refused.status).toBe(400);
  expect(refused.body.code).toBe('session_overnight_unconfirmed');
  expect(refused.body.message).toBe('La fin (09:30) est avant le début (11:00) : corrigez l’heure de fin, ou cochez « Se termine le lendemain » pour une session de nuit.');

  const accepted = await coordinator.post(`/api/events/${day.id}/sessions`, { ...body, overnight: true });
  expect(accepted.status).toBe(201);
  const saved = (await coordinator.get(`/api/events/${day.id}`)).body.event.sessions.find((s: { id: string }) => s.id === accepted.body.id);
  expect([saved.startsAt, saved.endsAt]).toEqual([body.startsAt, body.endsAt]);
});

it('accepts a session ending at midnight, and refuses one longer than a day even when asked', async () => {
  const midnight = await coordinator.post(`/api/events/${day.id}/sessions`, { kind: 'plenary', title: 'Soirée', startsAt: day.at('2027-03-27', '20:00'), endsAt: day.at('2027-03-28', '00:00') });
  expect(midnight.status).toBe(201);
  const long = await coordinator.post(`/api/events/${day.id}/sessions`, { kind: 'plenary', title: 'Marathon', overnight: true, startsAt: day.at('2027-03-29', '09:00'), endsAt: day.at('2027-03-30', '10:00') });
  expect(long.status).toBe(400);
  expect(long.body.message).toContain('Une session dure au plus 24 heures.');
});
