import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite } from '../../helpers/browser-suite';
import { createUser } from '../../helpers/factories';
import { signIn } from '../../helpers/http';
import { expectNoSeriousA11yViolations } from '../../helpers/browser';
import { made } from '../../server/events/fixture';
import { localToUtc } from '../../../shared/events.time';

const suite = browserSuite('events');

const at = (time: string) => new Date(localToUtc('2027-03-25', time, 'Europe/Paris')).toISOString();

it('two organisers see each other’s changes live, and a stale edit gets the fresh state instead of overwriting', async () => {
  const claire = await createUser(suite.server.app, { role: 'coordinator', name: 'Claire Martin' });
  const sophie = await createUser(suite.server.app, { role: 'member', name: 'Sophie Bernard' });
  const api = await signIn(suite.server.url, claire);
  const eventId = await made(api.post('/api/events', { title: 'Veille de la journée', slug: 'veille-journee', days: [{ date: '2027-03-25', start: '09:00', end: '17:00' }] }));
  await api.put(`/api/events/${eventId}/organisers`, { userIds: [sophie.id] });
  const amphi = await made(api.post(`/api/events/${eventId}/rooms`, { name: 'Amphithéâtre', capacity: 100 }));
  const workshopId = await made(api.post(`/api/events/${eventId}/sessions`, { kind: 'workshop', title: 'Atelier parcours', roomId: amphi, startsAt: at('10:00'), endsAt: at('11:00') }));

  const open = async (user: { email: string; password: string }) => {
    const { context, page, errors } = await suite.openPage(user);
    await page.goto(`/journee-regionale/${eventId}/programme`);
    await page.getByRole('heading', { level: 1, name: 'Veille de la journée : grille horaire' }).waitFor();
    return { context, page, errors };
  };
  const a = await open(claire);
  const b = await open(sophie);
  // Both pages have joined the editors room before anyone changes anything.
  await expect.poll(async () => (await suite.server.app.io.in(`event-editors:${eventId}`).fetchSockets()).length).toBe(2);
  const session = (page: Page, name: RegExp) => page.getByRole('button', { name });

  // Sophie opens the workshop's form; meanwhile Claire moves it 15 minutes down with the keyboard.
  await session(b.page, /^Atelier parcours, 10:00–11:00/).focus();
  await b.page.keyboard.press('Enter');
  await expect.poll(() => b.page.evaluate(() => document.activeElement?.id)).toBe('session-title');
  await session(a.page, /^Atelier parcours, 10:00–11:00/).focus();
  await a.page.keyboard.press('ArrowDown');

  // Sophie's grid shows it without a reload, and says who changed it.
  await session(b.page, /^Atelier parcours, 10:15–11:15, Amphithéâtre/).waitFor();
  await b.page.getByText("Claire Martin vient de modifier l'événement : la page est à jour.").waitFor();

  // Her form was opened on the old version: saving it is refused, readably, with the fresh state.
  await b.page.getByLabel('Titre').fill('Atelier parcours patients');
  await b.page.getByLabel('Titre').press('Enter');
  await b.page.getByText("Cette session vient d'être modifiée par Claire Martin : voici la version à jour.").waitFor();
  expect(await b.page.getByLabel('Début').inputValue()).toBe('10:15');
  expect(await b.page.getByLabel('Titre').inputValue()).toBe('Atelier parcours patients');
  const stored = (await api.get(`/api/events/${eventId}`)).body.event.sessions.find((s: any) => s.id === workshopId);
  expect([stored.title, stored.startsAt]).toEqual(['Atelier parcours', at('10:15')]);
  await expectNoSeriousA11yViolations(b.page);

  // Saving again, on the fresh version, keeps Claire's move and Sophie's title; Claire sees it live.
  await b.page.getByRole('button', { name: 'Enregistrer' }).click();
  await session(a.page, /^Atelier parcours patients, 10:15–11:15, Amphithéâtre/).waitFor();
  await a.page.getByText("Sophie Bernard vient de modifier l'événement : la page est à jour.").waitFor();
  await expectNoSeriousA11yViolations(a.page);

  // Sophie's connection drops; a change made meanwhile reaches her grid once she is back.
  for (const socket of suite.server.app.io.of('/').sockets.values()) if (socket.data.user?.id === sophie.id) socket.conn.close();
  await expect.poll(async () => (await suite.server.app.io.in(`event-editors:${eventId}`).fetchSockets()).length).toBe(1);
  const fresh = (await api.get(`/api/events/${eventId}`)).body.event.sessions.find((s: any) => s.id === workshopId);
  expect((await api.put(`/api/events/${eventId}/sessions/${workshopId}`, { kind: 'workshop', title: 'Atelier parcours patients', roomId: null, startsAt: fresh.startsAt, endsAt: fresh.endsAt, version: fresh.version })).status).toBe(200);
  await session(b.page, /^Atelier parcours patients, 10:15–11:15, Sans salle/).waitFor();
  await expect.poll(async () => (await suite.server.app.io.in(`event-editors:${eventId}`).fetchSockets()).length).toBe(2);
  expect([...a.errors, ...b.errors]).toEqual([]);
  await a.context.close();
  await b.context.close();
});
