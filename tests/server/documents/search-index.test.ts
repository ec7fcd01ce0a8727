import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';

let server: TestServer;
let leads: HttpClient[];
let groupId: string;

async function found(client: HttpClient, q: string): Promise<string[]> {
  const reply = await client.get(`/api/documents/search?q=${encodeURIComponent(q)}`);
  if (reply.status !== 200) throw new Error(`search answered ${reply.status}: ${JSON.stringify(reply.body)}`);
  return (reply.body.results as Array<{ documentId: string }>).map((r) => r.documentId);
}

beforeAll(async () => {
  server = await startServer();
  // Document creation is limited per account: a few leads share the burst.
  const people = await Promise.all([0, 1, 2].map(() => createUser(server.app)));
  groupId = createGroup(server.app, people[0]!.id).id;
  for (const p of people) addToGroup(server.app, groupId, p.id, 'lead');
  leads = await Promise.all(people.map((p) => signIn(server.url, p)));
});
afterAll(() => server?.close());

describe('the search index', () => {
  it('finds every one of a burst of new documents, even past what the render pool queues at once', async () => {
    // More documents at once than the render pool queues (RENDER_LIMITS.maxQueue = 32) plus its worker.
    const count = 72;
    const created = await Promise.all(Array.from({ length: count }, (_, i) =>
      leads[i % leads.length]!.post('/api/documents', { groupId, title: `Atelier numéro${i}z nutrition`, kind: 'reference_programme' })));
    expect(created.map((r) => r.status)).toEqual(Array(count).fill(201));
    const ids = created.map((r) => r.body.document.id as string);
    // A search shows its first results only: count what the index holds, then ask as a person would.
    const indexed = () => (server.app.sqlite.prepare("SELECT count(*) AS n FROM documents_fts WHERE documents_fts MATCH 'nutrition'").get() as { n: number }).n;
    await expect.poll(indexed, { timeout: 30_000, interval: 250 }).toBe(count);
    for (const [i, id] of ids.entries()) expect(await found(leads[i % leads.length]!, `numéro${i}z`)).toEqual([id]);
  }, 60_000);

  it('finds a renamed document by its new name', async () => {
    const created = await leads[0]!.post('/api/documents', { groupId, title: 'Parcours asthme', kind: 'reference_programme' });
    const id = created.body.document.id as string;
    await expect.poll(() => found(leads[0]!, 'asthme'), { timeout: 10_000, interval: 250 }).toEqual([id]);
    expect((await leads[0]!.patch(`/api/documents/${id}`, { title: 'Parcours BPCO' })).status).toBe(200);
    await expect.poll(() => found(leads[0]!, 'BPCO'), { timeout: 10_000, interval: 250 }).toEqual([id]);
  });
});
