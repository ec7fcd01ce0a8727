import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { HttpClient } from '../../helpers/http';

// Generic over the whole API: a route added by any feature is checked here without a line of test.
let server: TestServer;
let doc: { openapi: string; paths: Record<string, Record<string, { security?: unknown[]; tags?: string[]; summary?: string; responses: Record<string, unknown> }>> };
beforeAll(async () => {
  server = await startServer();
  doc = (await new HttpClient(server.url).get('/api/openapi.json')).body;
});
afterAll(async () => { await server.close(); });

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));
/** `/api/members/{id}` → `/api/members/x`: the guard answers before any parameter is read. */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'x');
// Fastify answers a prefix's root with and without the trailing slash; the document names it once.
const key = (method: string, url: string) =>
  `${method} ${url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\*$/, '{*}').replace(/\/$/, '')}`;

describe('the OpenAPI document', () => {
  it('is OpenAPI 3 and describes every /api route, with a summary and the error shape', () => {
    expect(doc.openapi).toMatch(/^3\./);
    const described = new Set(operations().map((o) => key(o.method, o.path)));
    const routes = server.app.apiRoutes.filter((r) => r.url !== '/api/openapi.json');
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes.filter((r) => !described.has(key(r.method, r.url))).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    for (const { method, path, op } of operations()) {
      expect.soft(op.summary, `${method} ${path} has a summary`).toBeTruthy();
      expect.soft(op.responses, `${method} ${path} documents errors`).toHaveProperty('4XX');
    }
  });

  it('describes request and reply schemas', () => {
    const login = doc.paths['/api/auth/login'].post as any;
    expect(login.requestBody.content['application/json'].schema.properties).toHaveProperty('email');
    expect(login.responses['200'].content['application/json'].schema.properties).toHaveProperty('user');
    const search = doc.paths['/api/members/'].get as any;
    expect(search.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['q', 'includeDisabled']));
  });

  it('marks public routes, and only those, as needing no session', () => {
    const open = operations().filter((o) => Array.isArray(o.op.security) && o.op.security.length === 0).map((o) => `${o.method} ${o.path}`);
    expect(open).toEqual(expect.arrayContaining(['GET /api/health', 'POST /api/auth/login', 'GET /api/auth/me', 'POST /api/invitations/by-token/{token}/accept']));
    expect(open).not.toContain('GET /api/members/');
  });
});

describe('default deny', () => {
  it('answers 401 without a session on every route not declared public', async () => {
    const visitor = new HttpClient(server.url);
    const closed = operations().filter((o) => !(Array.isArray(o.op.security) && o.op.security.length === 0));
    expect(closed.length).toBeGreaterThan(5);
    const wrong: string[] = [];
    for (const { method, path } of closed) {
      const res = await visitor.request(method, concrete(path), method === 'GET' || method === 'DELETE' ? undefined : {});
      if (res.status !== 401 || res.body?.code !== 'unauthorized') wrong.push(`${method} ${path} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers health and the API description to visitors', async () => {
    const visitor = new HttpClient(server.url);
    expect((await visitor.get('/api/health')).body).toEqual({ status: 'ok', database: 'ok' });
    expect((await visitor.get('/api/openapi.json')).status).toBe(200);
  });
});
