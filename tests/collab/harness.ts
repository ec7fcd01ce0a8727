import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { configFromEnv } from '../../server/core/config';
import database from '../../server/core/db';
import bus from '../../server/core/bus';
import session from '../../server/core/session';
import upgradeRouting from '../../server/core/upgrade';
import { createCollab } from '../../server/features/documents/collab/index';
import type { CollabService } from '../../server/features/documents/collab/collab.types';
import type { CollabSettings } from '../../shared/limits';
import { addToGroup, createGroup, createUser } from '../helpers/factories';
import { createDocument } from './collab-clients';

export interface CollabHarness {
  app: FastifyInstance;
  url: string;
  dataDir: string;
  collab: CollabService;
  /** A member of a fresh group with one document, and their session cookie. */
  seed(): Promise<{ documentId: string; groupId: string; userId: string; cookie: string }>;
  close(): Promise<void>;
}

/**
 * Only the core plugins the endpoint uses, and the CollabService in the test's hands (in the
 * app it belongs to the documents feature): for the steps that have no REST face.
 */
export async function startCollab(collab: Partial<CollabSettings> = {}, options: { dataDir?: string } = {}): Promise<CollabHarness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'maillage-collab-'));
  const app = Fastify({ logger: { level: 'fatal' } });
  app.decorate('config', { ...configFromEnv({ DATA_DIR: dataDir, DEMO: '0' }), clientDir: null, logLevel: 'error', collab, warmWorkers: false });
  await app.register(database);
  await app.register(bus);
  await app.register(session);
  await app.register(upgradeRouting);
  const service = createCollab(app);
  app.upgrades.add('/collab/', service.handleUpgrade);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return {
    app,
    url,
    dataDir,
    collab: service,
    async seed() {
      const user = await createUser(app);
      const group = createGroup(app, user.id);
      addToGroup(app, group.id, user.id, 'member');
      const documentId = createDocument(app, group.id, user.id).id;
      return { documentId, groupId: group.id, userId: user.id, cookie: `maillage_session=${app.sessions.create(user.id).token}` };
    },
    async close() {
      await app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
