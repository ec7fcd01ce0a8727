import { afterAll, beforeAll, expect, it } from 'vitest';
import { WRITE_RATES } from '../../../shared/limits';
import { startServer, type TestServer } from '../../helpers/server';
import { clientId, groupWorld, openThread } from './fixtures';

// Every test client of this file reaches the server from 127.0.0.1: one address, as the staff of a
// hospital behind its NAT. Limits must count each account, not the address they share.

let server: TestServer;
let world: Awaited<ReturnType<typeof groupWorld>>;
let threadId: string;

beforeAll(async () => {
  server = await startServer();
  world = await groupWorld(server.app, server.url, 'private');
  ({ thread: { id: threadId } } = await openThread(world.http.lead, { groupId: world.group.id }, 'Réunion de mars'));
});
afterAll(async () => server?.close());

it('stops one colleague who posts too fast, and only them: the other, on the same address, still posts', async () => {
  const { member, lead } = world.http;
  const post = (http: typeof member, n: number) => http.post(`/api/threads/${threadId}/messages`, { body: `Message ${n}`, clientId: clientId() });
  for (let n = 1; n <= WRITE_RATES.messagePost.max; n++) expect((await post(member, n)).status).toBe(201);

  const refused = await post(member, 0);
  expect(refused.status).toBe(429);
  expect(refused.body.code).toBe('rate_limited');
  expect(refused.body.retryAfterSeconds).toBeGreaterThan(0);
  expect(refused.body.retryAfterSeconds).toBeLessThanOrEqual(60);
  expect(refused.body.message).toMatch(/^Trop de tentatives\. Réessayez dans (\d+ secondes|une seconde)\.$/);

  const colleague = await post(lead, 1);
  expect(colleague.status).toBe(201);
  // The refused message was not stored.
  const page = await lead.get(`/api/threads/${threadId}/messages?limit=100`);
  expect(page.body.messages.filter((m: { html: string }) => m.html.includes('Message 0'))).toEqual([]);
});

it('gives a signed-in write without a rate of its own the default one, per account', async () => {
  // Marking notifications read names its own rate; the thread's pin/lock names none.
  const { lead, coordinator } = world.http;
  let status = 0;
  let sent = 0;
  while (status !== 429 && sent <= WRITE_RATES.default.max) {
    status = (await lead.patch(`/api/threads/${threadId}`, { pinned: sent % 2 === 0 })).status;
    sent += 1;
  }
  expect(status).toBe(429);
  expect(sent).toBe(WRITE_RATES.default.max + 1);
  expect((await coordinator.patch(`/api/threads/${threadId}`, { pinned: false })).status).toBe(200);
});
