import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * What features report, without knowing Prometheus: core decorates `app.metrics`; with metrics
 * off every call is a no-op, so features never ask whether they are on.
 */
export interface MetricsReporter {
  /** Open live connections of one kind (`socketio`, `collab`…), read at each scrape. */
  connections(kind: string, read: () => number): void;
  /** A value read at each scrape; the name gets the `maillage_` prefix. */
  gauge(name: string, help: string, read: () => number): void;
  /** A distribution; returns the function that records one observation. */
  histogram(name: string, help: string, buckets: number[]): (value: number) => void;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: MetricsReporter;
  }
}

const NO_METRICS: MetricsReporter = { connections: () => undefined, gauge: () => undefined, histogram: () => () => undefined };

/** The reporter of an app, or a silent one for a partial app (tests that build only some plugins). */
export const metricsOf = (app: FastifyInstance): MetricsReporter => (app.hasDecorator('metrics') ? app.metrics : NO_METRICS);

/** A guessed token must be out of reach: 24 characters is about 140 bits from `openssl rand -hex`. */
export const METRICS_TOKEN_MIN_LENGTH = 24;
const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * GET /metrics in the Prometheus text format, for operators. Off unless METRICS_TOKEN is set;
 * then only `Authorization: Bearer <token>` gets an answer. Anyone else, like everyone when it
 * is off, gets the plain 404 of an unknown address: a scanner cannot tell that metrics exist.
 */
export default fp(async function metrics(app: FastifyInstance) {
  const token = app.config.metricsToken ?? null;
  const notFound = { statusCode: 404, code: 'not_found', message: 'Aucune ressource à l’adresse /metrics.' };
  if (!token) {
    app.decorate('metrics', NO_METRICS);
    // Registered anyway: otherwise the client's page fallback would answer /metrics with 200.
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => reply.status(404).send(notFound));
    return;
  }
  if (token.length < METRICS_TOKEN_MIN_LENGTH) {
    throw new Error(`METRICS_TOKEN doit compter au moins ${METRICS_TOKEN_MIN_LENGTH} caractères (par exemple : openssl rand -hex 24).`);
  }
  const expected = digest(`Bearer ${token}`);
  // Hashing both sides gives equal lengths, so the comparison takes the same time whatever is sent.
  const authorised = (request: FastifyRequest) => timingSafeEqual(digest(request.headers.authorization ?? ''), expected);

  const registry = new Registry();
  // Process memory, CPU, handles, and the event loop's lag (nodejs_eventloop_lag_*).
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ name: 'maillage_http_requests_total', help: 'HTTP requests answered, by route and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
  const latency = new Histogram({ name: 'maillage_http_request_duration_seconds', help: 'Time to answer an HTTP request, by route', labelNames: ['method', 'route'], buckets: LATENCY_BUCKETS, registers: [registry] });
  app.addHook('onResponse', async (request, reply) => {
    // The route's pattern, never the raw address: one series per route, whatever visitors type.
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  const connectionReaders = new Map<string, () => number>();
  connectionReaders.set('socketio', () => (app.hasDecorator('io') ? app.io.of('/').sockets.size : 0));
  new Gauge({
    name: 'maillage_open_connections', help: 'Live connections open now, by kind', labelNames: ['kind'], registers: [registry],
    collect() {
      for (const [kind, read] of connectionReaders) this.set({ kind }, read());
    },
  });

  app.decorate('metrics', {
    connections: (kind, read) => void connectionReaders.set(kind, read),
    gauge(name, help, read) {
      new Gauge({ name: `maillage_${name}`, help, registers: [registry], collect() { this.set(read()); } });
    },
    histogram(name, help, buckets) {
      const histogram = new Histogram({ name: `maillage_${name}`, help, buckets, registers: [registry] });
      return (value) => histogram.observe(value);
    },
  } satisfies MetricsReporter);

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!authorised(request)) return reply.status(404).send(notFound);
    return reply.header('content-type', registry.contentType).header('cache-control', 'no-store').send(await registry.metrics());
  });
});
