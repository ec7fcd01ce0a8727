import type { FastifyInstance } from 'fastify';
import authRoutes from './auth.routes';
import passwordRoutes from './password.routes';
import sessionsRoutes from './sessions.routes';
import { authService } from './auth.service';

/** Sign-in, sign-out, the current session; passwords that change; one's sessions; the first coordinator from ADMIN_EMAIL. */
export default async function auth(app: FastifyInstance) {
  await app.register(authRoutes);
  await app.register(passwordRoutes);
  await app.register(sessionsRoutes);
  const admin = app.config.admin;
  if (admin && (await authService(app).ensureAdmin(admin))) {
    app.log.info({ email: admin.email }, 'coordinator account created from ADMIN_EMAIL');
  }
}
