import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { startServer, type TestServer } from '../../helpers/server';
import { addToGroup, createGroup, createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { connect, createDocument, synced, type CollabClient } from '../../collab/collab-clients';

type Sample = { name: string; labels: Record<string, string>; value: number };

/** The Prometheus text format, one sample a line: `name{a="b",c="d"} value`. */
function parse(text: string): Sample[] {
  return text.split('\n').filter((line) => line && !line.startsWith('#')).map((line) => {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not a Prometheus sample: ${line}`);
    const labels = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]));
    return { name: match[1], labels, value: Number(match[3]) };
  });
}

/** The value of the one sample of `name` whose labels include `labels`; 0 when it has not appeared yet. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value ?? 0;
}

describe('/metrics is off by default', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startServer({}, { withClient: true }); });
  afterAll(async () => { await server?.close(); });

  it('answers 404 like an unknown address, whatever the token (never the client page)', async () => {
    const visitor = new HttpClient(server.url);
    const attempts: Array<Record<string, string>> = [{}, { authorization: 'Bearer anything-at-all-long-enough-to-pass' }];
    for (const headers of attempts) {
      const res = await visitor.request('GET', '/metrics', undefined, headers);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ statusCode: 404, code: 'not_found' });
    }
  });
});

describe('/metrics with METRICS_TOKEN', () => {
  const token = randomBytes(24).toString('hex');
  let server: TestServer;
  const sockets: Socket[] = [];
  const clients: CollabClient[] = [];
  const scrape = async () => {
    const res = await new HttpClient(server.url).request('GET', '/metrics', undefined, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return parse(res.body as string);
  };

  beforeAll(async () => { server = await startServer({ metricsToken: token }); });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    for (const c of clients) c.destroy();
    await server?.close();
  });

  it('answers 404 without the token, with a wrong one, or with the token outside a Bearer header', async () => {
    const visitor = new HttpClient(server.url);
    const refused: Array<Record<string, string>> = [{}, { authorization: `Bearer ${token.slice(0, -1)}x` }, { authorization: `Bearer ${token}x` }, { authorization: token }, { authorization: `Basic ${token}` }];
    for (const headers of refused) {
      const res = await visitor.request('GET', '/metrics', undefined, headers);
      expect(res.status, JSON.stringify(headers)).toBe(404);
      expect(res.body).toMatchObject({ code: 'not_found' });
    }
  });

  it('counts requests by route and status, and times them', async () => {
    const route = { method: 'GET', route: '/api/health', status: '200' };
    const before = valueOf(await scrape(), 'maillage_http_requests_total', route);
    const visitor = new HttpClient(server.url);
    for (let i = 0; i < 3; i++) expect((await visitor.get('/api/health')).status).toBe(200);
    expect((await visitor.get('/api/groups')).status).toBe(401);
    const after = await scrape();
    expect(valueOf(after, 'maillage_http_requests_total', route)).toBe(before + 3);
    const groups = after.filter((s) => s.name === 'maillage_http_requests_total' && s.labels.route.startsWith('/api/groups') && s.labels.status === '401');
    expect(groups.reduce((sum, s) => sum + s.value, 0)).toBe(1);
    expect(valueOf(after, 'maillage_http_request_duration_seconds_count', { method: 'GET', route: '/api/health' })).toBeGreaterThanOrEqual(before + 3);
    // An address nobody registered is one series, not one per address typed.
    await visitor.get(`/api/nothing-${randomBytes(4).toString('hex')}`);
    const unmatched = (await scrape()).filter((s) => s.name === 'maillage_http_requests_total' && s.labels.route !== '/api/health' && s.labels.route.includes('nothing'));
    expect(unmatched).toEqual([]);
  });

  it('reports the event loop lag and the process memory', async () => {
    const samples = await scrape();
    expect(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
    expect(valueOf(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts open connections per kind, documents in memory, and the collaboration write batches', async () => {
    const initial = await scrape();
    expect(valueOf(initial, 'maillage_open_connections', { kind: 'socketio' })).toBe(0);
    expect(valueOf(initial, 'maillage_open_connections', { kind: 'collab' })).toBe(0);
    expect(valueOf(initial, 'maillage_documents_in_memory')).toBe(0);
    const batchesBefore = valueOf(initial, 'maillage_collab_write_batch_updates_count');

    const user = await createUser(server.app);
    const group = createGroup(server.app, user.id);
    addToGroup(server.app, group.id, user.id, 'lead');
    const documentId = createDocument(server.app, group.id, user.id).id;
    const http = await signIn(server.url, user);
    const socket = io(server.url, { transports: ['websocket'], extraHeaders: { cookie: http.cookie }, reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => { socket.once('connect', () => resolve()); socket.once('connect_error', reject); });
    const writer = connect(server.url, documentId, http.cookie);
    clients.push(writer);
    await synced(writer);
    writer.type('Programme lombalgie');
    await expect.poll(async () => valueOf(await scrape(), 'maillage_collab_write_batch_updates_count')).toBeGreaterThan(batchesBefore);

    const live = await scrape();
    expect(valueOf(live, 'maillage_open_connections', { kind: 'socketio' })).toBe(1);
    expect(valueOf(live, 'maillage_open_connections', { kind: 'collab' })).toBe(1);
    expect(valueOf(live, 'maillage_documents_in_memory')).toBe(1);
    expect(valueOf(live, 'maillage_document_items_in_memory')).toBeGreaterThan(0);
    expect(valueOf(live, 'maillage_collab_write_batch_updates_sum')).toBeGreaterThanOrEqual(1);
    expect(valueOf(live, 'maillage_collab_write_batch_seconds_count')).toBe(valueOf(live, 'maillage_collab_write_batch_updates_count'));

    socket.disconnect();
    writer.destroy();
    await expect.poll(async () => {
      const after = await scrape();
      return [valueOf(after, 'maillage_open_connections', { kind: 'socketio' }), valueOf(after, 'maillage_open_connections', { kind: 'collab' })];
    }).toEqual([0, 0]);
  });
});

it('refuses to start with a token short enough to be guessed', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-test-'));
  try {
    await expect(startServer({ metricsToken: 'court' }, { dataDir })).rejects.toThrow(/METRICS_TOKEN doit compter au moins 24 caractères/);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
