import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { organisations, users } from '../../../db/schema/index';
import { AppError } from '../../core/errors';
import { dummyHash, hashPassword, verifyPassword } from './passwords';

export const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', 'Adresse e-mail ou mot de passe incorrect.');

export function authService(app: FastifyInstance) {
  return {
    /** The user id for these credentials, or an error that does not say which part was wrong. */
    async checkCredentials(email: string, password: string): Promise<string> {
      const user = app.db.select({ id: users.id, hash: users.passwordHash, disabled: users.disabled })
        .from(users).where(eq(users.email, email)).get();
      const ok = await verifyPassword(user?.hash ?? (await dummyHash()), password);
      if (!user || !ok) throw invalidCredentials();
      if (user.disabled) throw new AppError(403, 'account_disabled', 'Ce compte est désactivé. Contactez la coordination régionale.');
      return user.id;
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
