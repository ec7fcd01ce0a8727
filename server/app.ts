import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './core/config';
import errors from './core/errors';
import database from './core/db';
import session from './core/session';
import authGuard from './core/auth-guard';
import originCheck from './core/origin';
import security from './core/security';
import rateLimits from './core/rate-limit';
import openapi from './core/openapi';
import mailer from './core/mailer';
import upgradeRouting from './core/upgrade';
import socketIo from './core/socket-io';
import bus from './core/bus';
import staticClient from './core/static';
import compression from './core/compression';
import publicCache from './core/public-cache';
import health from './core/health';
import metrics from './core/metrics';
import demo from './demo';
import auth from './features/auth/index';
import invitations from './features/invitations/index';
import members from './features/members/index';
import organisations from './features/organisations/index';
import events, { agendaFiles } from './features/events/index';
import groups from './features/groups/index';
import documents from './features/documents/index';
import threads from './features/threads/index';
import comments from './features/comments/index';
import programmes, { programmeFiles } from './features/programmes/index';
import programmeNeeds from './features/programmes/needs/index';
import programmeEvaluations from './features/programmes/evaluations/index';
import home from './features/home/index';
import actions from './features/actions/index';
import structureNeeds from './features/structure-needs/index';
import pooling from './features/pooling/index';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
  }
}

/** The whole application: core plugins, then each feature under its own prefix. */
export async function buildApp(config: Config): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    trustProxy: config.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    // Start-up work (migrations, worker processes, the demo region) can pass Fastify's 10 s default
    // on a loaded machine (a shared VM, CI running two workers); a slow start beats a refused one.
    pluginTimeout: 60_000,
  });
  app.decorate('config', config);

  await app.register(errors);
  // First, so that its onResponse hook counts every route registered after it.
  await app.register(metrics);
  // First: it sets up each route as the route is added.
  await app.register(compression);
  await app.register(database);
  await app.register(bus);
  await app.register(security);
  await app.register(originCheck);
  await app.register(session);
  await app.register(authGuard);
  await app.register(rateLimits);
  await app.register(openapi);
  await app.register(mailer);
  await app.register(upgradeRouting);
  await app.register(socketIo);
  await app.register(publicCache);

  // The demo region goes in before the features start, so ADMIN_EMAIL joins a filled platform.
  await app.register(demo);

  await app.register(health);
  await app.register(auth, { prefix: '/api/auth' });
  await app.register(invitations, { prefix: '/api/invitations' });
  await app.register(members, { prefix: '/api/members' });
  await app.register(organisations, { prefix: '/api/organisations' });
  await app.register(events, { prefix: '/api/events' });
  await app.register(agendaFiles);
  await app.register(groups, { prefix: '/api/groups' });
  await app.register(documents, { prefix: '/api/documents' });
  await app.register(threads, { prefix: '/api/threads' });
  await app.register(comments, { prefix: '/api/comments' });
  await app.register(programmes, { prefix: '/api/programmes' });
  await app.register(programmeFiles);
  await app.register(programmeNeeds, { prefix: '/api/programmes/needs' });
  await app.register(programmeEvaluations, { prefix: '/api/programmes/evaluations' });
  await app.register(home, { prefix: '/api/home' });
  await app.register(actions, { prefix: '/api/actions' });
  await app.register(structureNeeds, { prefix: '/api/structure-needs' });
  await app.register(pooling, { prefix: '/api/pooling' });

  await app.register(staticClient);
  return app;
}
