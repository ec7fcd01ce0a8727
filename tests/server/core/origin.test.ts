import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request as httpRequest } from 'node:http';
import { startServer, type TestServer } from '../../helpers/server';
import { createUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';
import { configFromEnv } from '../../../server/core/config';

let server: TestServer;
let coordinator: HttpClient;
const org = () => ({ name: `MSP ${Math.random().toString(36).slice(2, 8)}`, type: 'msp_pole_sante', departement: '69' });

beforeAll(async () => {
  server = await startServer({ trustedOrigins: ['https://maillage.example.org'] });
  coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
});
afterAll(async () => server?.close());

/** A raw request, so the Host header says what the test wants (fetch would set its own). */
function rawPost(path: string, headers: Record<string, string>, body: unknown): Promise<number> {
  const url = new URL(server.url);
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(data)), ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(data);
  });
}

describe('the Origin of a write', () => {
  it('is compared whole with PUBLIC_URL: another scheme or port is another site', async () => {
    const https = server.url.replace('http://', 'https://');
    const otherPort = server.url.replace(/:\d+$/, ':1');
    for (const origin of [https, otherPort, `${server.url}.evil.example`]) {
      const res = await coordinator.request('POST', '/api/organisations', org(), { origin });
      expect({ origin, status: res.status }).toEqual({ origin, status: 403 });
    }
    expect((await coordinator.request('POST', '/api/organisations', org(), { origin: server.url })).status).toBe(201);
    expect((await coordinator.request('POST', '/api/organisations', org(), { origin: 'https://maillage.example.org' })).status).toBe(201);
  });

  it('never trusts the Host header: a page whose origin matches a spoofed Host is refused', async () => {
    const spoofed = await rawPost('/api/organisations', { cookie: coordinator.cookie, host: 'evil.example', origin: 'http://evil.example' }, org());
    expect(spoofed).toBe(403);
    // The same request from the real origin passes, whatever the Host says.
    expect(await rawPost('/api/organisations', { cookie: coordinator.cookie, host: 'evil.example', origin: server.url }, org())).toBe(201);
  });
});

describe('the default trusted origins', () => {
  it('cover localhost and 127.0.0.1 when no PUBLIC_URL is set, and nothing else once it is', () => {
    const local = configFromEnv({ PORT: '3000' });
    expect(local.publicUrl).toBe('http://127.0.0.1:3000');
    expect(local.trustedOrigins).toEqual(expect.arrayContaining(['http://localhost:3000', 'http://127.0.0.1:3000']));
    const dev = configFromEnv({ PORT: '3000', TRUSTED_ORIGINS: 'http://localhost:5173' });
    expect(dev.trustedOrigins).toContain('http://localhost:5173');
    const deployed = configFromEnv({ PUBLIC_URL: 'https://maillage.example.org', HOST: '0.0.0.0' });
    expect(deployed.trustedOrigins).toEqual([]);
  });
});
