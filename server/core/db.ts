import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { databaseFile, openDatabase, type Db, type Sqlite } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { startCheckpointer } from '../../db/checkpointer';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    sqlite: Sqlite;
  }
}

/** How often the worker folds the WAL into the database file. */
const CHECKPOINT_INTERVAL_MS = 1000;

/**
 * Opens SQLite in DATA_DIR, applies migrations, checkpoints the WAL off the event loop, and
 * closes last when the server stops.
 */
export default fp(async function database(app: FastifyInstance) {
  const { db, sqlite } = openDatabase(app.config.dataDir);
  runMigrations(db);
  const checkpointer = startCheckpointer(databaseFile(app.config.dataDir), CHECKPOINT_INTERVAL_MS, (message) =>
    app.log.warn({ message }, 'WAL checkpoint failed'));
  app.decorate('db', db);
  app.decorate('sqlite', sqlite);
  app.addHook('onClose', async () => {
    await checkpointer.stop();
    sqlite.close();
  });
});
