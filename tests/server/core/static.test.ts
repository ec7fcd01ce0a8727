import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { decoded, rawGet } from '../../helpers/http';

let server: TestServer;
let html: string;
let script: string;
beforeAll(async () => {
  server = await startServer({}, { withClient: true });
  html = (await rawGet(`${server.url}/`)).body.toString();
  script = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
});
afterAll(() => server?.close());
// A public page is index.html plus the preloads of its view and data (page-preload.test.ts).
const withoutPreloads = (page: string) => page.replace(/\n\s*<link rel="(?:modulepreload|preload)"[^>]*>/g, '');

describe('the built client', () => {
  it('sends every page address the page, compressed when the browser accepts it, and never kept stale', async () => {
    const br = await rawGet(`${server.url}/agenda/journee-regionale`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-type']).toContain('text/html');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('no-cache');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(withoutPreloads(decoded(br).toString())).toBe(withoutPreloads(html));
    expect(decoded(br).toString()).toContain('<link rel="preload" as="fetch" crossorigin href="/api/events/public/journee-regionale">');
    const gzip = await rawGet(`${server.url}/ressources`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(withoutPreloads(decoded(gzip).toString())).toBe(withoutPreloads(html));
    const plain = await rawGet(`${server.url}/ressources`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toContain('<div id="app"></div>');
    // An address ending in a numbered option is a page, not a file: a shared link to the pooling guide opens.
    const option = await rawGet(`${server.url}/mutualisation/2.2`);
    expect(option.status).toBe(200);
    expect(withoutPreloads(option.body.toString())).toBe(withoutPreloads(html));
    // A signed-in page gets index.html itself.
    expect((await rawGet(`${server.url}/groupes`)).body.toString()).toBe(html);
  });

  it('keeps hashed assets for a year, immutable, and sends them precompressed', async () => {
    const plain = await rawGet(server.url + script);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toContain('javascript');
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const [accept, encoding] of [['br, gzip', 'br'], ['gzip', 'gzip'], ['br;q=0, gzip', 'gzip']]) {
      const compressed = await rawGet(server.url + script, { 'accept-encoding': accept });
      expect(compressed.headers['content-encoding']).toBe(encoding);
      expect(compressed.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(compressed.body.length).toBeLessThan(plain.body.length / 2);
      expect(decoded(compressed).equals(plain.body)).toBe(true);
    }
  });

  it('answers a missing asset with a readable 404, not the page', async () => {
    const missing = await rawGet(`${server.url}/assets/absent-0000.js`, { 'accept-encoding': 'br' });
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body.toString())).toMatchObject({ statusCode: 404, code: 'not_found' });
  });
});

describe('dynamic replies', () => {
  it('compresses large JSON for clients that accept it, and leaves small ones alone', async () => {
    const plain = await rawGet(`${server.url}/api/openapi.json`);
    const gzip = await rawGet(`${server.url}/api/openapi.json`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decoded(gzip).toString())).toEqual(JSON.parse(plain.body.toString()));
    const br = await rawGet(`${server.url}/api/openapi.json`, { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    const health = await rawGet(`${server.url}/api/health`, { 'accept-encoding': 'br, gzip' });
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(health.body.toString())).toMatchObject({ status: 'ok' });
  });

  it('never inflates a compressed request body', async () => {
    const { gzipSync } = await import('node:zlib');
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ email: 'personne@example.org', password: 'pas le bon mot de passe' })),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toBeTruthy();
  });
});
