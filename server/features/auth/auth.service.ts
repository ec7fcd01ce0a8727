import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { organisations, users } from '../../../db/schema/index';
import { AppError } from '../../core/errors';
import { rateLimited } from '../../core/rate-limit';
import { busy, dummyHash, hashPassword, passwordQueueFull, verifyPassword } from './passwords';
import { AttemptCounter, VerifyTimings, deviceToken, readDeviceTokens } from './sign-in-guard';

export const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', 'Adresse e-mail ou mot de passe incorrect.');

export function authService(app: FastifyInstance) {
  const attempts = new AttemptCounter(app.config.loginRateLimit.max, app.config.loginRateLimit.windowMs);
  const timings = new VerifyTimings();
  let calibrating: Promise<void> | null = null;

  /** The time of one real verification, measured once (one hash) before any sign-in was seen. */
  const calibrate = () => (calibrating ??= (async () => {
    const started = performance.now();
    await verifyPassword(await dummyHash(), 'maillage-timing-equaliser', 'calibration');
    timings.record(performance.now() - started);
  })().finally(() => { calibrating = null; }));

  return {
    /**
     * The account for these credentials, or an error that does not say which part was wrong.
     * See README.md (sign-in under a flood): unknown addresses cost no hash and answer in the time
     * a wrong password takes; attempts are counted per account, per trusted device apart.
     */
    async checkCredentials(email: string, password: string, deviceCookie?: string): Promise<{ userId: string; deviceToken: string }> {
      const user = app.db.select({ id: users.id, hash: users.passwordHash, disabled: users.disabled })
        .from(users).where(eq(users.email, email)).get();
      const token = user ? deviceToken(user.id, user.hash) : null;
      const lane = token && readDeviceTokens(deviceCookie).includes(token) ? `${email}|device` : email;
      const attempt = attempts.take(lane);
      if (!attempt.ok) throw rateLimited(attempt.retryAfterSeconds);
      // Known or not, a full queue gets the same immediate answer.
      if (passwordQueueFull()) {
        attempts.refund(lane);
        throw busy();
      }
      if (!user || !token) {
        // The calibration itself took as long as a verification: no second wait.
        if (timings.known) await timings.imitate();
        else await calibrate();
        throw invalidCredentials();
      }
      const started = performance.now();
      let ok: boolean;
      try {
        ok = await verifyPassword(user.hash, password, lane);
      } catch (err) {
        attempts.refund(lane);
        throw err;
      }
      timings.record(performance.now() - started);
      if (!ok) throw invalidCredentials();
      attempts.refund(lane);
      if (user.disabled) throw new AppError(403, 'account_disabled', 'Ce compte est désactivé. Contactez la coordination régionale.');
      return { userId: user.id, deviceToken: token };
    },

    /** ADMIN_EMAIL/ADMIN_PASSWORD: the first coordinator, created once, inside the platform's own organisation. */
    async ensureAdmin(admin: { email: string; password: string }): Promise<boolean> {
      const email = admin.email.trim().toLowerCase();
      if (app.db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) return false;
      let org = app.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.type, 'plateforme_etp')).get();
      if (!org) {
        org = app.db.insert(organisations).values({ name: 'Plateforme régionale ETP', type: 'plateforme_etp', departement: '69' })
          .returning({ id: organisations.id }).get();
      }
      const passwordHash = await hashPassword(admin.password);
      app.db.insert(users).values({ email, name: 'Coordination régionale', passwordHash, role: 'coordinator', organisationId: org.id }).run();
      return true;
    },
  };
}
