import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Db, type Sqlite } from '../../db/client';
import { runMigrations } from '../../db/migrate';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    sqlite: Sqlite;
  }
}

/** Opens SQLite in DATA_DIR, applies migrations, and closes it last when the server stops. */
export default fp(async function database(app: FastifyInstance) {
  const { db, sqlite } = openDatabase(app.config.dataDir);
  runMigrations(db);
  app.decorate('db', db);
  app.decorate('sqlite', sqlite);
  app.addHook('onClose', async () => {
    sqlite.close();
  });
});
