import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { create, extract } from 'tar';
import { exportsTempDir } from '../../../server/features/documents/export/export.temp';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createUser, type TestUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { connect, createDocument, synced, waitFor, type CollabClient } from '../../collab/collab-clients';
import { clientId, openThread } from '../threads/fixtures';
import { buildEvent } from '../events/fixture';
import { runOps } from './ops-cli';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const work = mkdtempSync(join(tmpdir(), 'maillage-backup-test-'));
const archive = join(work, 'maillage.tar.gz');

let source: TestServer;
let restored: TestServer | undefined;
let lead: TestUser;
let coordinator: TestUser;
let leadHttp: HttpClient;
let groupId: string;
let liveDocument: string;
let stillDocument: string;
let threadId: string;
let attachmentId: string;
let day: Awaited<ReturnType<typeof buildEvent>>;
const clients: CollabClient[] = [];
const person = (key: string) => ({ name: `Personne ${key}`, email: `${key}@example.org`, organisation: 'MSP des Pentes', participantKind: 'professional', workshopIds: [] });

beforeAll(async () => {
  source = await startServer();
  coordinator = await createUser(source.app, { role: 'coordinator' });
  lead = await createUser(source.app, { name: 'Sophie Animatrice' });
  groupId = createGroup(source.app, lead.id).id;
  addToGroup(source.app, groupId, lead.id, 'lead');
  leadHttp = await signIn(source.url, lead);
  liveDocument = createDocument(source.app, groupId, lead.id, { title: 'Programme lombalgie' }).id;
  stillDocument = createDocument(source.app, groupId, lead.id, { title: 'Fiche outil' }).id;
  const [still, seen] = [connect(source.url, stillDocument, leadHttp.cookie), connect(source.url, stillDocument, leadHttp.cookie)];
  clients.push(still, seen);
  await Promise.all([synced(still), synced(seen)]);
  still.type('Le dos au quotidien');
  // Relayed only once written: when another person has it, it is on disk.
  await waitFor(() => seen.text() === 'Le dos au quotidien', 'the tool sheet reached another person');

  threadId = (await openThread(leadHttp, { groupId }, 'Mutualiser le programme', 'Premier message')).thread.id;
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), 'programme.pdf');
  const uploaded = await fetch(`${source.url}/api/threads/attachments?threadId=${threadId}`, { method: 'POST', headers: { cookie: leadHttp.cookie }, body: form });
  attachmentId = ((await uploaded.json()) as { attachment: { id: string } }).attachment.id;
  expect((await leadHttp.post(`/api/threads/${threadId}/messages`, { body: 'Le programme en PDF', clientId: clientId(), attachmentIds: [attachmentId] })).status).toBe(201);

  day = await buildEvent(await signIn(source.url, coordinator), 'journee-sauvegarde');
  expect((await (await signIn(source.url, coordinator)).post(`/api/events/${day.id}/publish`, {})).status).toBe(200);
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await restored?.close();
  await source?.close();
  rmSync(work, { recursive: true, force: true });
});

const markdownOf = async (http: HttpClient, documentId: string) => {
  const res = await http.get<string>(`/api/documents/${documentId}/export?format=md`);
  expect(res.status).toBe(200);
  return String(res.body).trim();
};
const messageBodies = async (http: HttpClient) =>
  ((await http.get(`/api/threads/${threadId}/messages?limit=100`)).body.messages as Array<{ source: string }>).map((m) => m.source);
const registrantEmails = async (http: HttpClient) =>
  ((await http.get(`/api/events/${day.id}/registrations`)).body.registrants as Array<{ email: string }>).map((r) => r.email);

/** What was acknowledged before the backup must be there; what came during it, a gap-free beginning. */
function expectPrefix(restored: string[], during: string[]) {
  const kept = restored.filter((x) => during.includes(x));
  expect(kept).toEqual(during.slice(0, kept.length));
}

// Two child processes (backup, restore) and a second server: a slow machine needs more than the default 30 s.
describe('npm run backup while people work, then npm run restore', () => {
  it('restores every document, message, file and registration present when the backup was taken', async () => {
    const writer = connect(source.url, liveDocument, leadHttp.cookie);
    const reader = connect(source.url, liveDocument, leadHttp.cookie);
    clients.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    writer.type('Avant la sauvegarde');
    // The server relays an update only once it is written: another person has it, so it is on disk.
    await waitFor(() => reader.text() === 'Avant la sauvegarde', 'the first sentence reached another person');
    expect((await leadHttp.post(`/api/threads/${threadId}/messages`, { body: 'Message avant la sauvegarde', clientId: clientId() })).status).toBe(201);
    expect((await new HttpClient(source.url).post(`/api/events/public/${day.slug}/registrations`, person('avant'))).status).toBe(201);

    // Typing, posting and registering go on for the whole backup.
    let live = true;
    const typing = (async () => {
      for (let n = 1; live; n++) {
        writer.type(` mot${n}`);
        await sleep(15);
      }
    })();
    const posted: string[] = [];
    const posting = (async () => {
      // Under the per-account limit of WRITE_RATES.messagePost (three messages are already posted).
      for (let n = 1; live && n <= 24; n++) {
        const body = `Pendant la sauvegarde ${n}`;
        const res = await leadHttp.post(`/api/threads/${threadId}/messages`, { body, clientId: clientId() });
        expect(res.status).toBe(201);
        posted.push(body);
        await sleep(400);
      }
    })();
    const registered: string[] = [];
    const registering = (async () => {
      // Under the visitors' limit per address of EVENT_LIMITS.registrationsPerMinute (one is already in).
      for (let n = 1; live && n <= 17; n++) {
        const res = await new HttpClient(source.url).post(`/api/events/public/${day.slug}/registrations`, person(`pendant${n}`));
        expect(res.status).toBe(201);
        registered.push(`pendant${n}@example.org`);
        await sleep(400);
      }
    })();
    // An export being downloaded meanwhile: a temporary file, never archived (the restore below has no tmp/).
    writeFileSync(join(exportsTempDir(source.dataDir), 'en-cours.md'), 'Avant la sauvegarde');
    const backup = await runOps('backup', [archive], source.dataDir);
    live = false;
    await Promise.all([typing, posting, registering]);
    expect(backup.code, backup.stderr).toBe(0);
    // The premise: people did write while the backup ran.
    expect(posted.length).toBeGreaterThan(0);
    expect(registered.length).toBeGreaterThan(0);
    expect(backup.stdout).toContain(`Sauvegarde écrite : ${archive}`);
    await waitFor(() => reader.text() === writer.text(), 'the last words reached the reader');
    const finalText = writer.text();
    expect(statSync(archive).mode & 0o777).toBe(0o600);

    const dataDir = join(work, 'restored');
    const restore = await runOps('restore', [archive], dataDir);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain('Restauration vérifiée');
    restored = await startServer({}, { dataDir });
    const http = await signIn(restored.url, lead);

    const listed = (await http.get(`/api/documents?groupId=${groupId}`)).body.documents.map((d: { id: string }) => d.id);
    expect(listed.sort()).toEqual([liveDocument, stillDocument].sort());
    expect(await markdownOf(http, stillDocument)).toBe('Le dos au quotidien');
    const text = await markdownOf(http, liveDocument);
    expect(text.startsWith('Avant la sauvegarde')).toBe(true);
    expect(finalText.startsWith(text)).toBe(true);

    const bodies = await messageBodies(http);
    expect(bodies).toEqual(expect.arrayContaining(['Premier message', 'Le programme en PDF', 'Message avant la sauvegarde']));
    expectPrefix(bodies, posted);
    const file = await fetch(`${restored.url}/api/threads/attachments/${attachmentId}`, { headers: { cookie: http.cookie } });
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);

    const emails = await registrantEmails(await signIn(restored.url, coordinator));
    expect(emails).toContain('avant@example.org');
    expectPrefix(emails, registered);
  }, 180_000);
});

describe('npm run restore into an existing folder', () => {
  it('fills an empty DATA_DIR (a mounted volume cannot be replaced) and leaves nothing of its work behind', async () => {
    const volume = join(work, 'volume');
    mkdirSync(volume);
    const res = await runOps('restore', [archive], volume, 'direct');
    expect(res.code, res.stderr).toBe(0);
    expect(readdirSync(volume).sort()).toEqual(['attachments', 'maillage.sqlite']);
    expect(readFileSync(join(volume, 'attachments', attachmentId)).equals(PDF)).toBe(true);
  });
});

describe('npm run restore refuses what it cannot restore safely', () => {
  it('never writes into a DATA_DIR that is not empty', async () => {
    const busy = join(work, 'busy');
    mkdirSync(busy);
    writeFileSync(join(busy, 'maillage.sqlite'), 'données en place');
    const res = await runOps('restore', [archive], busy, 'direct');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('n’est pas vide');
    expect(readdirSync(busy)).toEqual(['maillage.sqlite']);
    expect(readFileSync(join(busy, 'maillage.sqlite'), 'utf8')).toBe('données en place');
  });

  /** Unpacks the archive, lets `change` alter it, and packs it again as `name`. */
  async function altered(name: string, change: (dir: string) => void): Promise<string> {
    const dir = mkdtempSync(join(work, 'unpacked-'));
    await extract({ file: archive, cwd: dir });
    change(dir);
    const out = join(work, name);
    await create({ gzip: true, file: out, cwd: dir }, readdirSync(dir));
    return out;
  }

  it('refuses an archive whose uploaded file changed since the backup, and leaves DATA_DIR absent', async () => {
    const tampered = await altered('tampered.tar.gz', (dir) => {
      const path = join(dir, 'files', 'attachments', attachmentId);
      writeFileSync(path, Buffer.concat([readFileSync(path), Buffer.from(' ')]));
    });
    const dataDir = join(work, 'from-tampered');
    const res = await runOps('restore', [tampered], dataDir, 'direct');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`Le fichier attachments/${attachmentId} ne correspond pas au manifeste`);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses an archive whose database lacks rows the manifest counted', async () => {
    const short = await altered('short.tar.gz', (dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      manifest.tables.thread_messages += 1;
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    });
    const res = await runOps('restore', [short], join(work, 'from-short'), 'direct');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/ne correspond pas au manifeste \(thread_messages : \d+ au lieu de \d+\)/);
    expect(existsSync(join(work, 'from-short'))).toBe(false);
  });

  it('says what is wrong with a file that is not a backup', async () => {
    const bogus = join(work, 'bogus.tar.gz');
    writeFileSync(bogus, 'pas une archive');
    const res = await runOps('restore', [bogus], join(work, 'from-bogus'), 'direct');
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/archive est illisible|pas de manifeste/);
  });
});

describe('npm run backup refuses to lose or leak a backup', () => {
  it('never overwrites an archive, nor writes one inside DATA_DIR', async () => {
    const again = await runOps('backup', [archive], source.dataDir, 'direct');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('existe déjà');
    const inside = await runOps('backup', [join(source.dataDir, 'copie.tar.gz')], source.dataDir, 'direct');
    expect(inside.code).toBe(1);
    expect(inside.stderr).toContain('ne peut pas être écrite dans DATA_DIR');
    expect(existsSync(join(source.dataDir, 'copie.tar.gz'))).toBe(false);
  });
});
