import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { and, eq, gt } from 'drizzle-orm';
import { groupMembers, groups, sessions } from '../db/schema/index';
import type { Db } from '../db/client';
import { buildApp } from '../server/app';
import { configFromEnv } from '../server/core/config';
import { selectSessionUser } from '../server/core/session';
import { groupAccess } from '../server/features/groups/groups.policy';

/**
 * The hot paths of signed-in traffic, before and after issue 13, in one run: the session lookup
 * and a group access check as they were (drizzle builds the query and SQLite prepares it on every
 * call) beside the prepared statements now used (server/core/session.ts, groups.policy.ts).
 * Demo region, one process, no HTTP: the cost of the reads themselves, in µs a call.
 */
const CALLS = Number(process.env.BENCH_PREPARED_CALLS ?? 20_000);
const ROUNDS = 5;

/** The session lookup as session.ts built it on each call before. */
const lookupPerCall = (db: Db, sessionId: string) => selectSessionUser(db)
  .where(and(eq(sessions.id, sessionId), gt(sessions.expiresAt, new Date())))
  .get();

/** The two reads of groupAccess as it built them on each call before. */
const accessPerCall = (db: Db, userId: string, groupId: string) => {
  const group = db.select({ visibility: groups.visibility, openToAssociations: groups.openToAssociations })
    .from(groups).where(eq(groups.id, groupId)).get();
  const membership = db.select({ role: groupMembers.role }).from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId))).get();
  return { group, membership };
};

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** µs a call, median of ROUNDS rounds, the two sides alternating so that outside load weighs on both. */
function sideBySide(before: () => unknown, after: () => unknown): [number, number] {
  const times: [number[], number[]] = [[], []];
  for (const f of [before, after]) for (let i = 0; i < CALLS / 10; i++) f(); // warm-up: JIT
  for (let round = 0; round < ROUNDS; round++) {
    for (const [side, f] of [before, after].entries()) {
      const start = performance.now();
      for (let i = 0; i < CALLS; i++) f();
      times[side].push(((performance.now() - start) * 1000) / CALLS);
    }
  }
  return [median(times[0]), median(times[1])];
}

export async function preparedStatementsTable() {
  const dataDir = mkdtempSync(join(tmpdir(), 'maillage-bench-prepared-'));
  const app = await buildApp({ ...configFromEnv({ DATA_DIR: dataDir }), clientDir: null, logLevel: 'silent', port: 0, demo: true });
  try {
    await app.ready();
    // A member of a group, signed in: what every request of the load test resolves and checks.
    const member = app.db.select({ userId: groupMembers.userId, groupId: groupMembers.groupId }).from(groupMembers).limit(1).get()!;
    const { token } = app.sessions.create(member.userId, 'bench');
    const sessionId = app.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, member.userId)).get()!.id;
    const user = app.sessions.resolve(token)!.user;
    if (!lookupPerCall(app.db, sessionId) || !groupAccess(app.db, user, member.groupId).canRead) throw new Error('bench: demo member not found');
    const rows = [];
    const [lookupBefore, lookupAfter] = sideBySide(() => lookupPerCall(app.db, sessionId), () => app.sessions.userOf(sessionId));
    rows.push({ 'hot path': 'session lookup (cookie → person)', 'drizzle per call µs': lookupBefore.toFixed(1), 'prepared once µs': lookupAfter.toFixed(1), speed: `${(lookupBefore / lookupAfter).toFixed(1)}×` });
    const [accessBefore, accessAfter] = sideBySide(() => accessPerCall(app.db, user.id, member.groupId), () => groupAccess(app.db, user, member.groupId));
    rows.push({ 'hot path': 'group access check (group + membership)', 'drizzle per call µs': accessBefore.toFixed(1), 'prepared once µs': accessAfter.toFixed(1), speed: `${(accessBefore / accessAfter).toFixed(1)}×` });
    return rows;
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.table(await preparedStatementsTable());
