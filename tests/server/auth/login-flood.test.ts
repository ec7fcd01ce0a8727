import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../helpers/server';
import { createUser } from '../../helpers/factories';
import { HttpClient, type Reply } from '../../helpers/http';

// Sign-in holds under a flood (issue 8, item 5). Every request comes from 127.0.0.1: one network
// address, as a hospital's staff behind its NAT.

let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server.close(); });

const login = (email: string, password: string, client = new HttpClient(server.url)) =>
  client.post('/api/auth/login', { email, password });
const errorOf = (res: Reply) => ({ status: res.status, body: res.body });

describe('a flood of wrong sign-ins from one address', () => {
  it('lets a real person sign in amid 200 made-up addresses and a burst at a real account sent together', async () => {
    const nurse = await createUser(server.app, { name: 'Nadia Benali' });
    const attacked = await createUser(server.app, { name: 'Claire Martin' });
    const flood = Array.from({ length: 200 }, (_, i) => login(`inconnu-${i}-${Date.now()}@example.org`, 'devine-moi'));
    const burst = Array.from({ length: 30 }, () => login(attacked.email, 'pas le bon mot de passe'));

    const real = await login(nurse.email, nurse.password);
    expect(real.status).toBe(200);
    expect(real.body.user.id).toBe(nurse.id);

    const floodReplies = await Promise.all(flood);
    expect(new Set(floodReplies.map((r) => r.status))).toEqual(new Set([401]));
    // The attacked account took its five attempts, then every guess was refused without a hash.
    // (That the colleague's check does not wait behind them: see the fair line, below.)
    const burstReplies = await Promise.all(burst);
    expect(burstReplies.filter((r) => r.status === 401)).toHaveLength(5);
    expect(burstReplies.filter((r) => r.status === 429)).toHaveLength(25);
    expect(burstReplies.find((r) => r.status === 429)!.body).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/^Trop de tentatives\. Réessayez dans /) });
  }, 60_000);

  it('keeps the owner of an attacked account able to sign in from a browser they used before', async () => {
    const owner = await createUser(server.app);
    const ownBrowser = new HttpClient(server.url);
    expect((await login(owner.email, owner.password, ownBrowser)).status).toBe(200);
    expect((await ownBrowser.post('/api/auth/logout')).status).toBe(200);

    const guesses = await Promise.all(Array.from({ length: 8 }, () => login(owner.email, 'devine-moi')));
    expect(guesses.map((r) => r.status).filter((s) => s === 429)).toHaveLength(3);
    // A browser never used for this account waits like the guesser, even with the right password…
    expect((await login(owner.email, owner.password)).status).toBe(429);
    // …the owner's own browser does not.
    const back = await login(owner.email, owner.password, ownBrowser);
    expect(back.status).toBe(200);
    expect((await ownBrowser.get('/api/auth/me')).body.user.id).toBe(owner.id);
  }, 30_000);
});

describe('no enumeration', () => {
  it('answers a known address with a wrong password and an unknown address alike, and limits both alike', async () => {
    const known = await createUser(server.app);
    const unknown = `personne-${Date.now()}@example.org`;
    for (let attempt = 0; attempt < 5; attempt++) {
      const [a, b] = await Promise.all([login(known.email, 'mauvais mot de passe'), login(unknown, 'mauvais mot de passe')]);
      expect(errorOf(a)).toEqual({ status: 401, body: { statusCode: 401, code: 'invalid_credentials', message: 'Adresse e-mail ou mot de passe incorrect.' } });
      expect(errorOf(b)).toEqual(errorOf(a));
      expect(b.headers.getSetCookie()).toEqual(a.headers.getSetCookie());
    }
    const [a, b] = await Promise.all([login(known.email, 'mauvais mot de passe'), login(unknown, 'mauvais mot de passe')]);
    expect(a.status).toBe(429);
    expect(b.status).toBe(429);
    expect(b.body.code).toBe(a.body.code);
    expect(b.body.message).toMatch(/^Trop de tentatives\. Réessayez dans \d+ secondes?\.$/);
  }, 30_000);
});

describe('the bounded queue of password verifications', () => {
  let busy: TestServer;
  beforeAll(async () => { busy = await startServer({ loginRateLimit: { max: 1000, windowMs: 60_000 } }); });
  afterAll(async () => { await busy.close(); });

  it('answers at once with a readable 503 beyond what it may hold, for known and unknown addresses alike', async () => {
    const user = await createUser(busy.app);
    const attempt = (email: string) => new HttpClient(busy.url).post('/api/auth/login', { email, password: 'devine-moi' });
    // Warm the timing estimate first, so that unknown addresses do not wait for a calibration.
    expect((await attempt(user.email)).status).toBe(401);
    const known = Array.from({ length: 40 }, () => attempt(user.email));
    // Sent right behind them, they arrive while the queue is full (its first verification takes far longer).
    const unknown = Array.from({ length: 10 }, (_, i) => attempt(`inconnu-${i}-${Date.now()}@example.org`));
    const replies = await Promise.all(known);
    const refused = replies.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(replies.filter((r) => r.status === 401).length + refused.length).toBe(40);
    expect(refused[0].body).toEqual({ statusCode: 503, code: 'sign_in_busy', message: 'Trop de connexions en cours, réessayez dans quelques secondes.', retryAfterSeconds: 5 });
    expect(refused[0].headers.get('retry-after')).toBe('5');
    const unknownReplies = await Promise.all(unknown);
    expect(unknownReplies.some((r) => r.status === 503)).toBe(true);
    for (const r of unknownReplies.filter((u) => u.status === 503)) expect(errorOf(r)).toEqual(errorOf(refused[0]));
  }, 60_000);

  it('checks a colleague’s password between the guesses at another account, not after all of them', async () => {
    const nurse = await createUser(busy.app, { name: 'Nadia Benali' });
    const attacked = await createUser(busy.app, { name: 'Claire Martin' });
    const answeredAt = (reply: Promise<Reply>) => reply.then((res) => ({ res, at: performance.now() }));
    // Twelve guesses, all let through to a verification here (this server's limit is 1000), two at a time.
    const guesses = Array.from({ length: 12 }, () => answeredAt(new HttpClient(busy.url).post('/api/auth/login', { email: attacked.email, password: 'devine-moi' })));
    // Sent once the first guess is answered, so ten are still waiting in the attacked account's
    // line whatever the machine's speed: the order below does not depend on how fast requests arrive.
    await Promise.race(guesses);
    const real = await answeredAt(login(nurse.email, nurse.password, new HttpClient(busy.url)));
    expect(real.res.status).toBe(200);
    const replies = await Promise.all(guesses);
    expect(replies.map((r) => r.res.status)).toEqual(Array(12).fill(401));
    // Served in turn with the attacked account's line: one or two guesses ahead of it, not ten.
    expect(replies.filter((r) => r.at > real.at).length).toBeGreaterThanOrEqual(6);
  }, 60_000);
});
