import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { signIn } from '../../helpers/http';
import { DEMO_PASSWORD } from '../../../db/seeds/foundation.seed';

let server: TestServer;
beforeAll(async () => { server = await startServer({ demo: true }); });
afterAll(() => server?.close());

const as = (email: string) => signIn(server.url, { email, password: DEMO_PASSWORD });

it('opens on a board with actions in every state, one logged with two meetings, and two requests to qualify', async () => {
  const coordinator = await as('claire.martin@demo.maillage.fr');
  const all: Array<{ id: string; state: string; request: unknown; title: string }> = (await coordinator.get('/api/actions')).body.actions;
  const count = (state: string) => all.filter((a) => a.state === state).length;
  expect([count('to_qualify'), count('planned'), count('in_progress'), count('done'), count('abandoned')]).toEqual([2, 2, 2, 1, 1]);
  expect(all.filter((a) => a.request).map((a) => a.state)).toEqual(['to_qualify', 'to_qualify']);
  const partnership = all.find((a) => a.title.startsWith('Mutualiser le programme lombalgie'))!;
  const detail = (await coordinator.get(`/api/actions/${partnership.id}`)).body.action;
  expect(detail.meetings.map((m: { date: string }) => m.date)).toEqual(['2026-09-22', '2026-11-17']);
  expect(detail.links.map((l: { kind: string }) => l.kind)).toEqual(['document', 'thread']);
});

it('shows the MSP’s member her request and the actions programmed or under way for her structure', async () => {
  const msp = await as('sophie.bernard@demo.maillage.fr');
  const mine = (await msp.get('/api/actions/requests/mine')).body.actions;
  expect(mine.map((a: { request: { option: string } }) => a.request.option)).toEqual(['2.2']);
  const seen: Array<{ state: string }> = (await msp.get('/api/actions')).body.actions;
  expect(new Set(seen.map((a) => a.state))).toEqual(new Set(['to_qualify', 'planned', 'in_progress']));
  expect(seen.some((a) => a.state === 'abandoned')).toBe(false);
});
