import { afterAll, beforeAll, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { LIMITS } from '../../../shared/limits';
import { sweepAttachments } from '../../../server/features/threads/attachments.sweep';
import { startServer, type TestServer } from '../../helpers/server';
import type { HttpClient } from '../../helpers/http';
import { clientId, groupWorld, openThread } from './fixtures';

let server: TestServer;
let world: Awaited<ReturnType<typeof groupWorld>>;
let threadId: string;

const PNG = Buffer.from('89504E470D0A1A0A0000000D49484452000000010000000108060000001F15C4890000000D4944415478DA63F8FFFF3F0005FE02FEA7D6A4E30000000049454E44AE426082', 'hex');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function upload(http: HttpClient, name: string, data: Buffer, type: string, target = `threadId=${threadId}`) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type }), name);
  const res = await fetch(`${server.url}/api/threads/attachments?${target}`, { method: 'POST', headers: { cookie: http.cookie }, body: form });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  server = await startServer();
  world = await groupWorld(server.app, server.url, 'private');
  ({ thread: { id: threadId } } = await openThread(world.http.member, { groupId: world.group.id }));
});
afterAll(async () => server?.close());

it('accepts images and PDFs by their content, and refuses a disguised file', async () => {
  expect((await upload(world.http.member, 'programme.pdf', PDF, 'application/pdf')).body.attachment).toMatchObject({ mimeType: 'application/pdf', isImage: false });
  expect((await upload(world.http.member, 'schema.png', PNG, 'image/png')).body.attachment).toMatchObject({ mimeType: 'image/png', isImage: true });
  const disguised = await upload(world.http.member, 'programme.pdf', Buffer.from('<html><script>alert(1)</script></html>'), 'application/pdf');
  expect(disguised.status).toBe(415);
  expect(disguised.body.message).toMatch(/type de fichier/);
});

it('refuses uploads from people who may not post there', async () => {
  expect((await upload(world.http.observer, 'a.pdf', PDF, 'application/pdf')).status).toBe(403);
  expect((await upload(world.http.association, 'a.pdf', PDF, 'application/pdf')).status).toBe(404);
});

it('serves a posted file with safe headers and the thread\'s read check; a hostile name stays a name', async () => {
  const name = '"><img src=x onerror=alert(1)>.pdf';
  const { attachment } = (await upload(world.http.member, name, PDF, 'application/pdf')).body;
  // Before it is posted, only its uploader can fetch it.
  expect((await world.http.lead.get(`/api/threads/attachments/${attachment.id}`)).status).toBe(404);
  const posted = await world.http.member.post(`/api/threads/${threadId}/messages`, { body: 'Le programme en PDF', clientId: clientId(), attachmentIds: [attachment.id] });
  // The name comes back as data, exactly as stored (the browser's form encoding turns " into %22).
  expect(attachment.fileName).toContain('><img src=x onerror=alert(1)>.pdf');
  expect(posted.body.message.attachments).toEqual([expect.objectContaining({ id: attachment.id, fileName: attachment.fileName })]);
  // Someone else cannot re-attach it to their own message.
  expect((await world.http.lead.post(`/api/threads/${threadId}/messages`, { body: 'x', clientId: clientId(), attachmentIds: [attachment.id] })).status).toBe(400);

  const res = await fetch(`${server.url}/api/threads/attachments/${attachment.id}`, { headers: { cookie: world.http.observer.cookie } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  const disposition = res.headers.get('content-disposition')!;
  expect(disposition).toMatch(/^attachment; filename="/);
  expect(disposition).not.toContain('"><img');
  expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
  expect((await world.http.association.get(`/api/threads/attachments/${attachment.id}`)).status).toBe(404);
  expect((await world.http.outsider.get(`/api/threads/attachments/${attachment.id}`)).status).toBe(404);
});

it('deletes files never posted after the grace period and those of deleted messages, and keeps the rest', async () => {
  const { member } = world.http;
  const file = (id: string) => join(server.dataDir, 'attachments', id);
  const fetchIt = async (id: string) => (await member.get(`/api/threads/attachments/${id}`)).status;
  const abandoned = (await upload(member, 'brouillon.pdf', PDF, 'application/pdf')).body.attachment;
  const fresh = (await upload(member, 'en-cours.pdf', PDF, 'application/pdf')).body.attachment;
  const kept = (await upload(member, 'publie.pdf', PDF, 'application/pdf')).body.attachment;
  const withdrawn = (await upload(member, 'retire.png', PNG, 'image/png')).body.attachment;
  // Posted long ago: being posted is what keeps a file, not its age.
  for (const id of [abandoned.id, kept.id]) {
    server.app.sqlite.prepare('UPDATE message_attachments SET created_at = ? WHERE id = ?').run(Date.now() - LIMITS.attachmentUnpostedTtlMs - 60_000, id);
  }
  await member.post(`/api/threads/${threadId}/messages`, { body: 'Le programme validé', clientId: clientId(), attachmentIds: [kept.id] });
  const removed = await member.post(`/api/threads/${threadId}/messages`, { body: 'Mauvais fichier', clientId: clientId(), attachmentIds: [withdrawn.id] });
  expect((await member.delete(`/api/threads/messages/${removed.body.message.id}`)).status).toBe(200);
  expect(await fetchIt(abandoned.id)).toBe(200);

  expect(await sweepAttachments(server.app)).toBe(2);
  const rows = (id: string) => server.app.sqlite.prepare('SELECT count(*) AS n FROM message_attachments WHERE id = ?').get(id) as { n: number };
  for (const gone of [abandoned.id, withdrawn.id]) {
    expect(existsSync(file(gone))).toBe(false);
    expect(rows(gone).n).toBe(0);
    expect(await fetchIt(gone)).toBe(404);
  }
  for (const stays of [fresh.id, kept.id]) {
    expect(existsSync(file(stays))).toBe(true);
    expect(await fetchIt(stays)).toBe(200);
  }
  // The fresh one still goes once its day has passed, unless it is posted.
  await sweepAttachments(server.app, new Date(Date.now() + LIMITS.attachmentUnpostedTtlMs + 60_000));
  expect(await fetchIt(fresh.id)).toBe(404);
  expect(await fetchIt(kept.id)).toBe(200);
});
