import type { FastifyInstance } from 'fastify';
import type { WebSocketServer } from 'ws';
import { metricsOf } from '../../../core/metrics';
import type { BatchObserver } from './persist';
import type { Rooms } from './rooms';

const BATCH_UPDATES = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
const BATCH_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/**
 * What the endpoint tells operators through /metrics: the size and duration of each write
 * transaction (the batcher's observer), and, read at each scrape, open WebSockets and the
 * documents and Yjs items in memory.
 */
export function reportCollabMetrics(app: FastifyInstance): { observer: BatchObserver; watch(rooms: Rooms, wss: WebSocketServer): void } {
  const metrics = metricsOf(app);
  const updates = metrics.histogram('collab_write_batch_updates', 'Yjs updates written per transaction of the collaboration log', BATCH_UPDATES);
  const seconds = metrics.histogram('collab_write_batch_seconds', 'Duration of each write transaction of the collaboration log', BATCH_SECONDS);
  return {
    observer: {
      written(count, duration) {
        updates(count);
        seconds(duration);
      },
    },
    watch(rooms, wss) {
      metrics.connections('collab', () => wss.clients.size);
      metrics.gauge('documents_in_memory', 'Co-edited documents loaded in memory', () => rooms.all().length);
      metrics.gauge('document_items_in_memory', 'Yjs items held by the documents in memory', () => rooms.totalItems());
    },
  };
}
