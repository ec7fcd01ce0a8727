import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type TestServer } from '../../helpers/server';
import { createOrganisation, createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { buildApp } from '../../../server/app';
import { configFromEnv } from '../../../server/core/config';

let server: TestServer;
let coordinator: HttpClient;
beforeAll(async () => {
  server = await startServer();
  coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
});
afterAll(async () => { await server.close(); });

const noStack = (body: unknown) => expect(JSON.stringify(body)).not.toMatch(/stack|\bat .+\.(ts|js):\d+/);

describe('request hardening', () => {
  it('answers malformed JSON with a readable 400', async () => {
    const res = await coordinator.request('POST', '/api/organisations', '{"name": "MSP', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, code: 'bad_request', message: 'Le contenu envoyé est illisible (JSON invalide).' });
  });

  it('explains a bad query string by field', async () => {
    const res = await coordinator.get('/api/members?limit=abc&offset=-1');
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['querystring.limit', 'querystring.offset']);
    expect(res.body.details.find((d: { path: string }) => d.path === 'querystring.offset').message).toBe('Au moins 0.');
  });

  it('refuses a write from a foreign Origin and accepts the same origin', async () => {
    const org = { name: 'MSP du Plateau', type: 'msp_pole_sante', departement: '69' };
    const foreign = await coordinator.request('POST', '/api/organisations', org, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.message).toBe("Requête refusée : elle ne vient pas d'une page de Maillage.");
    const crossSite = await coordinator.request('POST', '/api/organisations', org, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect((await coordinator.request('POST', '/api/organisations', org, { origin: server.url })).status).toBe(201);
    // Reads stay open to any origin (the cookie is SameSite=Lax and the CSP limits what pages do).
    expect((await coordinator.request('GET', '/api/organisations', undefined, { origin: 'https://evil.example' })).status).toBe(200);
  });

  it('refuses an oversized body with a readable 413', async () => {
    const res = await coordinator.post('/api/organisations', { name: 'x'.repeat(2 * 1024 * 1024), type: 'ars', departement: '69' });
    expect(res.status).toBe(413);
    expect(res.body.message).toBe('Le contenu envoyé est trop volumineux.');
  });

  it('answers an unknown API address with a JSON 404', async () => {
    const res = await coordinator.get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });
});

describe('security headers', () => {
  it('sends a CSP limited to this origin and the usual protections', async () => {
    const res = await new HttpClient(server.url).get('/api/health');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('errors', () => {
  it('never send a stack trace, even for an unexpected failure', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'maillage-test-'));
    const app = await buildApp({ ...configFromEnv({ DATA_DIR: dataDir, DEMO: '0' }), clientDir: null, logLevel: 'silent' });
    app.get('/api/boom', { config: { public: true } }, async () => { throw new Error('secret internal detail'); });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/boom' });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ statusCode: 500, code: 'internal', message: 'Une erreur interne est survenue. Réessayez plus tard.' });
      expect(res.body).not.toContain('secret internal detail');
      noStack(res.json());
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('share one shape for expected failures', async () => {
    const visitor = new HttpClient(server.url);
    const org = createOrganisation(server.app);
    for (const res of [
      await visitor.get('/api/members/me'),
      await visitor.post('/api/auth/login', { email: 'x' }),
      await coordinator.put(`/api/organisations/${org.id}`, { name: 1 }),
      await coordinator.get('/api/members/unknown'),
    ]) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.body).toMatchObject({ statusCode: res.status, code: expect.any(String), message: expect.any(String) });
      noStack(res.body);
    }
  });
});
