import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../server/app';
import { configFromEnv, type Config } from '../../server/core/config';

export interface TestServer {
  app: FastifyInstance;
  /** http://127.0.0.1:<port> */
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/** A real server on a random port with its own SQLite database in a fresh temp dir. */
export async function startServer(overrides: Partial<Config> = {}, options: { dataDir?: string; withClient?: boolean } = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'maillage-test-'));
  // CLIENT_DIR lets a run use its own client build while others rebuild dist/client.
  const base = configFromEnv({ DATA_DIR: dataDir, DEMO: '0', CLIENT_DIR: process.env.CLIENT_DIR });
  const config: Config = { ...base, clientDir: options.withClient ? base.clientDir : null, logLevel: 'warn', port: 0, warmWorkers: false, ...overrides };
  const app = await buildApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  // Links in e-mails and the trusted Origin follow the real port.
  app.config.publicUrl = overrides.publicUrl ?? url;
  return {
    app,
    url,
    dataDir,
    async close() {
      await app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
