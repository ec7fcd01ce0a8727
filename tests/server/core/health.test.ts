import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../../db/client';
import { runMigrations } from '../../../db/migrate';
import { createDbProbe } from '../../../server/core/db-probe';
import { startServer, type TestServer } from '../../helpers/server';
import { HttpClient } from '../../helpers/http';

describe('GET /api/health', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startServer(); });
  afterAll(async () => { await server?.close(); });

  it('answers 200 {"status":"ok"} and says the database answered', async () => {
    const res = await new HttpClient(server.url).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok' });
  });

  it('answers many checks at once without a failure', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, () => new HttpClient(server.url).get('/api/health')));
    expect(replies.map((r) => r.body.status)).toEqual(Array(20).fill('ok'));
  });

  // Last in this file: the server keeps running without its database connection.
  it('answers 503 "degraded" with a readable message once the server has lost its database', async () => {
    server.app.sqlite.close();
    const res = await new HttpClient(server.url).get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'degraded', database: 'unavailable', statusCode: 503, code: 'database_unavailable' });
    expect(res.body.message).toMatch(/base de données ne répond pas/);
  });
});

describe('the database probe', () => {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-probe-'));
  const file = join(dir, 'maillage.sqlite');
  beforeAll(() => {
    const { db, sqlite } = openDatabase(dir);
    runMigrations(db);
    sqlite.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives up within its time bound while another process holds the database, and answers again once it is free', async () => {
    const probe = createDbProbe(file, 300);
    // An exclusive lock taken before the probe connects: its reads can only wait.
    const locker = new Database(file);
    locker.pragma('locking_mode = EXCLUSIVE');
    locker.exec('BEGIN EXCLUSIVE');
    try {
      const held = await probe.check();
      expect(held.ok).toBe(false);
      expect(held).toMatchObject({ reason: expect.stringMatching(/no answer within 300 ms|locked/) });
      // Held past the probe's busy timeout: SQLite's error then reaches the retired probe, which
      // must end on its own (a thread terminated in that call aborted the whole process).
      await new Promise((resolve) => setTimeout(resolve, 900));
    } finally {
      locker.exec('COMMIT');
      locker.close();
    }
    expect(await probe.check()).toEqual({ ok: true });
    await probe.close();
  });

  it('says so when the file is not a database', async () => {
    const probe = createDbProbe(join(dir, 'absent.sqlite'), 1000);
    const missing = await probe.check();
    expect(missing.ok).toBe(false);
    await probe.close();
  });
});
