import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { seedDemoIfEmpty, type DemoSignIn } from '../db/seed';
import { hashPassword } from './features/auth/passwords';
import { renderMarkdown } from './features/threads/markdown';

declare module 'fastify' {
  interface FastifyInstance {
    /** Set when this start filled an empty database with the demo region (DEMO=0 turns it off). */
    demoSignIn: DemoSignIn | null;
  }
}

/**
 * The demo region, seeded by the composition root because it needs features (password hashing,
 * markdown rendering) that server/core may not know.
 */
export default fp(async function demo(app: FastifyInstance) {
  app.decorate('demoSignIn', null);
  if (!app.config.demo) return;
  app.demoSignIn = await seedDemoIfEmpty({ db: app.db, sqlite: app.sqlite, hashPassword, renderMarkdown: (source) => renderMarkdown(source) });
  if (app.demoSignIn) app.log.info('empty database: demo region loaded');
});
