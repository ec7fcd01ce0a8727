import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';

let server: TestServer;
let coordinator: HttpClient;
beforeAll(async () => {
  server = await startServer();
  coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
});
afterAll(() => server?.close());

it('gives each failed check a code and its parameters, beside the French sentence', async () => {
  const r = await new HttpClient(server.url).post('/api/auth/login', { email: 'pas-une-adresse' });
  expect(r.status).toBe(400);
  expect(r.body.issues).toEqual(expect.arrayContaining([
    { path: 'body.email', code: 'invalid_format', params: { format: 'email', origin: 'string' } },
    { path: 'body.password', code: 'required', params: { expected: 'string' } },
  ]));
  // The French sentence a French reader sees is unchanged.
  expect(r.body.message).toBe('Certains champs sont invalides : email (Adresse e-mail invalide.) ; password (Ce champ est obligatoire.)');
});

it('passes the numbers of size checks and the names of a refinement, never the value sent', async () => {
  const secret = 'x'.repeat(200);
  const r = await coordinator.post('/api/events', { title: secret, slug: 'ab', days: [{ date: '9999-12-31', start: '09:00', end: '17:00' }] });
  expect(r.status).toBe(400);
  const byPath = Object.fromEntries(r.body.issues.map((i: { path: string }) => [i.path, i]));
  expect(byPath['body.title']).toEqual({ path: 'body.title', code: 'too_big', params: { origin: 'string', maximum: 160 } });
  expect(byPath['body.slug']).toEqual({ path: 'body.slug', code: 'too_small', params: { origin: 'string', minimum: 3 } });
  expect(byPath['body.days.0.date']).toEqual({ path: 'body.days.0.date', code: 'custom', params: { i18n: 'event_date_range', first: 2000, last: expect.any(Number) } });
  expect(JSON.stringify(r.body.issues)).not.toContain(secret);
});
