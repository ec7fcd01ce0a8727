import type { FastifyInstance } from 'fastify';
import authRoutes from './auth.routes';
import { authService } from './auth.service';

/** Sign-in, sign-out, the current session; the first coordinator from ADMIN_EMAIL at start. */
export default async function auth(app: FastifyInstance) {
  await app.register(authRoutes);
  const admin = app.config.admin;
  if (admin && (await authService(app).ensureAdmin(admin))) {
    app.log.info({ email: admin.email }, 'coordinator account created from ADMIN_EMAIL');
  }
}
