import type { Db } from './client';

/**
 * Statements of the hot paths (session lookup, access checks), built and prepared once per
 * database instead of on every call: drizzle's query building and SQLite's prepare cost more than
 * these point reads themselves. A WeakMap, so a closed database (tests, restore) takes its
 * statements with it. The statements read the tables on each call: nothing is cached but the SQL.
 */
export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const statements = new WeakMap<Db, T>();
  return (db) => {
    let prepared = statements.get(db);
    if (!prepared) {
      prepared = build(db);
      statements.set(db, prepared);
    }
    return prepared;
  };
}
