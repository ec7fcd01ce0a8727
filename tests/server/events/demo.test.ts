import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { HttpClient, signIn } from '../../helpers/http';
import { DEMO_PASSWORD } from '../../../db/seeds/foundation.seed';
import { conflictsOfEvent } from '../../../shared/events.conflicts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ demo: true });
});
afterAll(() => server?.close());

it('opens on a published regional day with a full workshop and its waiting list, and a draft kept for organisers', async () => {
  const visitor = new HttpClient(server.url);
  const list = await visitor.get('/api/events');
  expect(list.body.events.map((e: any) => [e.title, e.status])).toEqual([['Journée régionale ETP 2027', 'published']]);
  const agenda = await visitor.get('/api/events/public/journee-regionale-etp-2027');
  expect(agenda.status).toBe(200);
  const kinds = new Set(agenda.body.agenda.sessions.map((s: any) => s.kind));
  expect([...kinds].sort()).toEqual(['break', 'panel', 'plenary', 'poster', 'workshop']);
  const full = Object.values(agenda.body.availability).filter((a: any) => a.capacity !== null && a.confirmed >= a.capacity && a.waiting > 0);
  expect(full).toHaveLength(1);

  const coordinator = await signIn(server.url, { email: 'claire.martin@demo.maillage.fr', password: DEMO_PASSWORD });
  const mine = await coordinator.get('/api/events');
  expect(mine.body.events.map((e: any) => e.status).sort()).toEqual(['draft', 'published']);
  const detail = (await coordinator.get(`/api/events/${list.body.events[0].id}`)).body.event;
  // The demo's frozen version matches its working copy, and the timetable has no conflict.
  expect(detail.unpublishedChanges).toBe(false);
  expect(conflictsOfEvent(detail)).toEqual([]);
});
