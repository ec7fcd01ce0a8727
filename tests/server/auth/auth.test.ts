import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { startServer, type TestServer } from '../../helpers/server';
import { createUser } from '../../helpers/factories';
import { HttpClient, signIn } from '../../helpers/http';
import { sessions } from '../../../db/schema/index';

let server: TestServer;
// A low limit keeps the rate-limit test short; every other test signs in with its own account.
beforeAll(async () => { server = await startServer({ loginRateLimit: { max: 3, windowMs: 60_000 } }); });
afterAll(async () => { await server.close(); });

const sessionCookie = (client: HttpClient) => client.cookie.split('; ').find((c) => c.startsWith('maillage_session='));

describe('sign-in', () => {
  it('sets an httpOnly SameSite=Lax session cookie and knows the person afterwards', async () => {
    const user = await createUser(server.app, { name: 'Nadia Benali' });
    const client = new HttpClient(server.url);
    const res = await client.post('/api/auth/login', { email: user.email.toUpperCase(), password: user.password });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ id: user.id, name: 'Nadia Benali', role: 'member' });
    const setCookie = res.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/maillage_session=.+HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect((await client.get('/api/auth/me')).body.user.email).toBe(user.email);
  });

  it('answers a wrong password and an unknown address with the same readable message', async () => {
    const user = await createUser(server.app);
    const wrong = await new HttpClient(server.url).post('/api/auth/login', { email: user.email, password: 'not the password' });
    const unknown = await new HttpClient(server.url).post('/api/auth/login', { email: 'nobody@example.org', password: 'not the password' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ statusCode: 401, code: 'invalid_credentials', message: 'Adresse e-mail ou mot de passe incorrect.' });
    }
  });

  it('refuses a disabled account with a message saying so', async () => {
    const user = await createUser(server.app);
    server.app.sqlite.prepare('UPDATE users SET disabled = 1 WHERE id = ?').run(user.id);
    const res = await new HttpClient(server.url).post('/api/auth/login', { email: user.email, password: user.password });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('Ce compte est désactivé. Contactez la coordination régionale.');
  });

  it('gives a new session id at sign-in, so a cookie planted before sign-in opens nothing', async () => {
    const user = await createUser(server.app);
    const client = await signIn(server.url, user);
    const before = sessionCookie(client);
    const again = await client.post('/api/auth/login', { email: user.email, password: user.password });
    expect(again.status).toBe(200);
    expect(sessionCookie(client)).not.toBe(before);
    const stale = new HttpClient(server.url);
    stale.cookie = before!;
    expect((await stale.get('/api/auth/me')).body.user).toBeNull();
    expect((await client.get('/api/auth/me')).body.user.id).toBe(user.id);
  });

  it('limits repeated attempts on one account with a readable 429', async () => {
    const user = await createUser(server.app);
    const client = new HttpClient(server.url);
    for (let i = 0; i < 3; i++) expect((await client.post('/api/auth/login', { email: user.email, password: 'wrong password' })).status).toBe(401);
    const limited = await client.post('/api/auth/login', { email: user.email, password: user.password });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('rate_limited');
    expect(limited.body.message).toMatch(/^Trop de tentatives\. Réessayez dans \d+ secondes\.$/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The wait travels as a number too, so the client can say it in English; it is the one in the sentence.
    expect(limited.body.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.body.message).toContain(`dans ${limited.body.retryAfterSeconds} secondes`);
    // A forged X-Forwarded-For does not buy new attempts (no proxy is trusted by default).
    const forged = await client.request('POST', '/api/auth/login', { email: user.email, password: user.password }, { 'x-forwarded-for': '203.0.113.7' });
    expect(forged.status).toBe(429);
    // Another account from the same address is not locked out by someone guessing this one.
    const other = await createUser(server.app);
    expect((await new HttpClient(server.url).post('/api/auth/login', { email: other.email, password: other.password })).status).toBe(200);
  });

  it('explains an invalid body field by field, in French', async () => {
    const res = await new HttpClient(server.url).post('/api/auth/login', { email: 'pas-une-adresse' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation');
    expect(res.body.details).toEqual(expect.arrayContaining([
      { path: 'body.email', message: 'Adresse e-mail invalide.' },
      { path: 'body.password', message: 'Ce champ est obligatoire.' },
    ]));
    expect(res.body.message).toBe('Certains champs sont invalides : email (Adresse e-mail invalide.) ; password (Ce champ est obligatoire.)');
  });
});

describe('sessions', () => {
  it('signs out: the cookie is cleared and the session no longer opens anything', async () => {
    const user = await createUser(server.app);
    const client = await signIn(server.url, user);
    const cookie = client.cookie;
    const res = await client.post('/api/auth/logout');
    expect(res.status).toBe(200);
    expect(sessionCookie(client)).toBeUndefined();
    const replay = new HttpClient(server.url);
    replay.cookie = cookie;
    expect((await replay.get('/api/auth/me')).body.user).toBeNull();
    expect((await replay.get('/api/members/me')).status).toBe(401);
  });

  it('ends an expired session', async () => {
    const user = await createUser(server.app);
    const client = await signIn(server.url, user);
    expect((await client.get('/api/members/me')).status).toBe(200);
    server.app.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, user.id)).run();
    const res = await client.get('/api/members/me');
    expect(res.status).toBe(401);
    expect(res.body.message).toBe('Connectez-vous pour continuer.');
    expect((await client.get('/api/auth/me')).body.user).toBeNull();
  });

  it('ends the sessions of an account a coordinator disables', async () => {
    const coordinator = await signIn(server.url, await createUser(server.app, { role: 'coordinator' }));
    const user = await createUser(server.app);
    const client = await signIn(server.url, user);
    expect((await coordinator.patch(`/api/members/${user.id}`, { disabled: true })).status).toBe(200);
    expect((await client.get('/api/members/me')).status).toBe(401);
    expect(server.app.db.select().from(sessions).where(eq(sessions.userId, user.id)).all()).toEqual([]);
  });
});
