import { afterAll, beforeAll, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, type TestServer } from '../../helpers/server';
import type { HttpClient } from '../../helpers/http';
import { clientId, groupWorld, openThread } from './fixtures';

// Small quotas, so that a test fills them with small files; the checks are the ones of UPLOAD_QUOTAS.
const KIB = 1024;
const quotas = {
  unposted: { files: 3, bytes: 1024 * KIB },
  perHour: { files: 6, bytes: 100 * KIB },
  perDay: { files: 50, bytes: 10 * 1024 * KIB },
};

let server: TestServer;
let world: Awaited<ReturnType<typeof groupWorld>>;
let threadId: string;

const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(bytes, 0x20), Buffer.from('\n%%EOF\n')]);

async function upload(http: HttpClient, data: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type: 'application/pdf' }), 'compte-rendu.pdf');
  const res = await fetch(`${server.url}/api/threads/attachments?threadId=${threadId}`, { method: 'POST', headers: { cookie: http.cookie }, body: form });
  return { status: res.status, body: await res.json() };
}
const storedFiles = () => readdirSync(join(server.dataDir, 'attachments')).length;

beforeAll(async () => {
  server = await startServer({ quotas: { uploads: quotas } });
  world = await groupWorld(server.app, server.url, 'private');
  ({ thread: { id: threadId } } = await openThread(world.http.lead, { groupId: world.group.id }));
});
afterAll(async () => server?.close());

it('keeps at most a few unposted files per account; posting them frees the place, and a colleague keeps theirs', async () => {
  const { member, lead } = world.http;
  const ids: string[] = [];
  for (let i = 0; i < quotas.unposted.files; i++) {
    const res = await upload(member, pdf(1 * KIB));
    expect(res.status).toBe(201);
    ids.push(res.body.attachment.id);
  }
  const before = storedFiles();
  const refused = await upload(member, pdf(1 * KIB));
  expect(refused.status).toBe(409);
  expect(refused.body.code).toBe('upload_quota');
  expect(refused.body.message).toMatch(/pas encore publiés.*publiez votre message/);
  expect(storedFiles()).toBe(before);

  // Same address, another account: untouched.
  expect((await upload(lead, pdf(1 * KIB))).status).toBe(201);

  const posted = await member.post(`/api/threads/${threadId}/messages`, { body: 'Les comptes rendus', clientId: clientId(), attachmentIds: ids });
  expect(posted.status).toBe(201);
  expect((await upload(member, pdf(1 * KIB))).status).toBe(201);
});

it('bounds what one account uploads in an hour, in bytes as in files, and says when to come back', async () => {
  const { observer, coordinator } = world.http;
  // The coordinator uploads into the thread too (coordinators may post everywhere).
  let last = { status: 0, body: {} as any };
  let sent = 0;
  // 40 KiB files: the third would pass 100 KiB in the hour.
  while (sent < 5) {
    last = await upload(coordinator, pdf(40 * KIB));
    if (last.status !== 201) break;
    sent += 1;
    await coordinator.post(`/api/threads/${threadId}/messages`, { body: `Pièce ${sent}`, clientId: clientId(), attachmentIds: [last.body.attachment.id] });
  }
  expect(sent).toBe(2);
  expect(last.status).toBe(429);
  expect(last.body.code).toBe('upload_quota');
  expect(last.body.message).toMatch(/dans l’heure/);
  expect(last.body.retryAfterSeconds).toBeGreaterThan(3500);
  expect(last.body.retryAfterSeconds).toBeLessThanOrEqual(3600);
  // An observer may not post at all: the quota does not replace the right.
  expect((await upload(observer, pdf(1 * KIB))).status).toBe(403);
});

it('counts a file against the quota before its bytes are kept: a refused upload leaves nothing on disk', async () => {
  const { lead } = world.http;
  const before = storedFiles();
  // The lead has one unposted file of 1 KiB from the first test; 200 KiB passes the hourly 100 KiB.
  const refused = await upload(lead, pdf(200 * KIB));
  expect(refused.status).toBe(429);
  expect(storedFiles()).toBe(before);
});
