import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions } from '../../../db/schema/index';
import { startServer, type TestServer } from '../../helpers/server';
import { createUser, type TestUser } from '../../helpers/factories';
import { HttpClient } from '../../helpers/http';
import { hashToken } from '../../../server/core/tokens';
import { connectSocket } from '../threads/fixtures';

// One's own sessions on the profile: the list (device, last use), ending one, "sign out
// everywhere", and a change of password that ends the others.

let server: TestServer;
beforeAll(async () => { server = await startServer(); });
afterAll(async () => { await server.close(); });

const WINDOWS_CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const ANDROID_FIREFOX = 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0';
const IPHONE_SAFARI = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

async function signInWith(user: TestUser, userAgent: string): Promise<HttpClient> {
  const client = new HttpClient(server.url);
  const res = await client.request('POST', '/api/auth/login', { email: user.email, password: user.password }, { 'user-agent': userAgent });
  expect(res.status).toBe(200);
  return client;
}
const sessionIdOf = (http: HttpClient) => hashToken(/maillage_session=([^;]+)/.exec(http.cookie)![1]);
const list = async (http: HttpClient) => (await http.get('/api/auth/sessions')).body.sessions as Array<Record<string, unknown>>;

describe('the list of one’s sessions', () => {
  it('says each device in plain words, marks this one, and shows no session id', async () => {
    const user = await createUser(server.app);
    const laptop = await signInWith(user, WINDOWS_CHROME);
    const phone = await signInWith(user, ANDROID_FIREFOX);
    await signInWith(user, IPHONE_SAFARI);
    const other = await signInWith(await createUser(server.app), WINDOWS_CHROME);

    const seen = await list(laptop);
    expect(seen).toHaveLength(3);
    expect(seen.map((s) => `${s.browser}/${s.system}/${s.current}`).sort())
      .toEqual(['chrome/windows/true', 'firefox/android/false', 'safari/iphone/false']);
    expect((await list(phone)).find((s) => s.current)).toMatchObject({ browser: 'firefox', system: 'android' });
    const ids = [laptop, phone].map(sessionIdOf);
    expect(seen.some((s) => ids.includes(s.id as string))).toBe(false);
    expect(JSON.stringify(seen)).not.toContain('Mozilla');
    expect(await list(other)).toHaveLength(1);
    expect((await new HttpClient(server.url).get('/api/auth/sessions')).status).toBe(401);
  });

  it('writes the last use with the sliding expiry, at most once an hour', async () => {
    const user = await createUser(server.app);
    const laptop = await signInWith(user, WINDOWS_CHROME);
    const id = sessionIdOf(laptop);
    const threeHoursAgo = new Date(Date.now() - 3 * 3600_000);
    // Used 3 h ago but renewed within the hour: this request writes nothing.
    server.app.db.update(sessions).set({ lastUsedAt: threeHoursAgo }).where(eq(sessions.id, id)).run();
    await laptop.get('/api/members/me');
    expect(server.app.db.select().from(sessions).where(eq(sessions.id, id)).get()!.lastUsedAt).toEqual(threeHoursAgo);
    // Its expiry was last slid 3 h ago: this use is written, with the expiry.
    server.app.db.update(sessions).set({ expiresAt: new Date(Date.now() + server.app.config.sessionTtlMs - 3 * 3600_000) }).where(eq(sessions.id, id)).run();
    await laptop.get('/api/members/me');
    const row = server.app.db.select().from(sessions).where(eq(sessions.id, id)).get()!;
    expect(row.lastUsedAt!.getTime()).toBeGreaterThan(threeHoursAgo.getTime() + 2 * 3600_000);
    expect((await list(laptop))[0].lastUsedAt).toBe(row.lastUsedAt!.toISOString());
  });

  it('ends one session, which closes its live connections; another account’s session cannot be named', async () => {
    const user = await createUser(server.app);
    const laptop = await signInWith(user, WINDOWS_CHROME);
    const phone = await signInWith(user, ANDROID_FIREFOX);
    const socket = await connectSocket(server.url, phone);
    const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const stranger = await signInWith(await createUser(server.app), WINDOWS_CHROME);
    const phoneHandle = (await list(laptop)).find((s) => !s.current)!.id as string;

    expect((await stranger.delete(`/api/auth/sessions/${phoneHandle}`)).status).toBe(404);
    expect((await phone.get('/api/members/me')).status).toBe(200);

    expect((await laptop.delete(`/api/auth/sessions/${phoneHandle}`)).status).toBe(200);
    expect(await cut).toBe('io server disconnect');
    expect((await phone.get('/api/members/me')).status).toBe(401);
    expect((await laptop.get('/api/members/me')).status).toBe(200);
    expect(await list(laptop)).toHaveLength(1);
  });

  it('signs out everywhere, this browser included', async () => {
    const user = await createUser(server.app);
    const laptop = await signInWith(user, WINDOWS_CHROME);
    const phone = await signInWith(user, ANDROID_FIREFOX);
    const colleague = await signInWith(await createUser(server.app), WINDOWS_CHROME);
    const done = await laptop.post('/api/auth/logout-everywhere');
    expect(done.status).toBe(200);
    expect(laptop.cookie).not.toContain('maillage_session=');
    expect((await phone.get('/api/members/me')).status).toBe(401);
    expect(server.app.db.select().from(sessions).where(eq(sessions.userId, user.id)).all()).toEqual([]);
    expect((await colleague.get('/api/members/me')).status).toBe(200);
  });
});

describe('changing one’s password', () => {
  it('needs the current password, said plainly when wrong', async () => {
    const user = await createUser(server.app);
    const laptop = await signInWith(user, WINDOWS_CHROME);
    const wrong = await laptop.post('/api/auth/password', { currentPassword: 'pas le bon', newPassword: 'un nouveau mot de passe' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'wrong_password', message: 'Le mot de passe actuel est incorrect.' });
    const short = await laptop.post('/api/auth/password', { currentPassword: user.password, newPassword: 'court' });
    expect(short.status).toBe(400);
    expect(short.body.message).toMatch(/newPassword/);
    expect((await new HttpClient(server.url).post('/api/auth/password', { currentPassword: user.password, newPassword: 'un nouveau mot de passe' })).status).toBe(401);
    // Nothing changed.
    await signInWith(user, WINDOWS_CHROME);
  });

  it('keeps this session, ends the others (live ones too), and the old password no longer opens', async () => {
    const user = await createUser(server.app);
    const laptop = await signInWith(user, WINDOWS_CHROME);
    const phone = await signInWith(user, ANDROID_FIREFOX);
    const socket = await connectSocket(server.url, phone);
    const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const res = await laptop.post('/api/auth/password', { currentPassword: user.password, newPassword: 'un nouveau mot de passe' });
    expect(res.status).toBe(200);
    expect(await cut).toBe('io server disconnect');
    expect((await phone.get('/api/members/me')).status).toBe(401);
    expect((await laptop.get('/api/members/me')).status).toBe(200);
    expect((await list(laptop)).map((s) => s.current)).toEqual([true]);
    expect((await new HttpClient(server.url).post('/api/auth/login', { email: user.email, password: user.password })).status).toBe(401);
    await signInWith({ ...user, password: 'un nouveau mot de passe' }, IPHONE_SAFARI);
  });
});
