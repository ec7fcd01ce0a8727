import { beforeAll, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

/**
 * The project's own ESLint configuration, run on code a person might write, at the place they would
 * write it: every direction of ../shared/architecture.md rule 1 refused, however the path is spelt,
 * and the imports the architecture allows left alone.
 */

const cwd = fileURLToPath(new URL('../..', import.meta.url));
const RULE = 'maillage/import-directions';
const SHARED = 'shared/ imports only its validation library (zod), nothing of the app.';
const DB = 'db/ imports nothing of server/ or client/.';
const CORE = 'server/core knows no feature: the composition root (server/app.ts and what it calls) wires them in.';
const SERVER = 'server/ never imports client/.';
const CLIENT = 'client/ uses only shared/ (never server/ or db/).';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd });
});

/** The direction messages ESLint gives for `code` written in `filePath`. */
async function directionErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${cwd}${filePath}` });
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, 'the code parses').toEqual([]);
  return result.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

const refused: [string, string, string, string][] = [
  // [direction, file, code, expected message]
  ['shared → server', 'shared/groups.schema.ts', "import { AppError } from '../server/core/errors';\nexport { AppError };", SHARED],
  ['shared → db', 'shared/groups.schema.ts', "import { users } from '../db/schema/users';\nexport { users };", SHARED],
  ['shared → client', 'shared/groups.schema.ts', "export { api } from '../client/lib/api';", SHARED],
  ['shared → a library other than zod', 'shared/groups.schema.ts', "import * as Y from 'yjs';\nexport { Y };", SHARED],
  ['db → server', 'db/schema/groups.ts', "import { configFromEnv } from '../../server/core/config';\nexport { configFromEnv };", DB],
  ['db → server, through require', 'db/migrate.ts', "export const config = require('../server/core/config');", DB],
  ['db → client', 'db/seeds/groups.seed.ts', "import { router } from '../../client/router';\nexport { router };", DB],
  ['core → feature, relative', 'server/core/demo.ts', "import { hashPassword } from '../features/auth/passwords';\nexport { hashPassword };", CORE],
  ['core → feature, through the server folder', 'server/core/demo.ts', "import { renderMarkdown } from '../../server/features/threads/markdown';\nexport { renderMarkdown };", CORE],
  ['core → feature, from a subfolder', 'server/core/workers/run.ts', "export * from '../../features/documents/export/pdf';", CORE],
  ['core → feature, dynamic import', 'server/core/worker-pool.ts', "export const load = () => import('../features/documents/index');", CORE],
  ['core → feature, type-only', 'server/core/bus.ts', "import type { Thread } from '../features/threads/threads.service';\nexport type T = Thread;", CORE],
  ['core → feature, in a type position', 'server/core/bus.ts', "export type T = import('../features/threads/threads.service').Thread;", CORE],
  ['core → feature, through an alias', 'server/core/bus.ts', "import { x } from '@/server/features/groups/groups.policy';\nexport { x };", CORE],
  ['core → the composition root', 'server/core/health.ts', "import { buildApp } from '../app';\nexport { buildApp };", CORE],
  ['server → client', 'server/features/groups/groups.routes.ts', "import { api } from '../../../client/lib/api';\nexport { api };", SERVER],
  ['server → vue', 'server/features/groups/groups.routes.ts', "import { ref } from 'vue';\nexport { ref };", SERVER],
  ['client → server', 'client/features/groups/groups.store.ts', "import { AppError } from '../../../server/core/errors';\nexport { AppError };", CLIENT],
  ['client → db', 'client/features/groups/groups.store.ts', "import { groups } from '../../../db/schema/groups';\nexport { groups };", CLIENT],
  ['client → a server library', 'client/lib/api.ts', "import { eq } from 'drizzle-orm';\nexport { eq };", CLIENT],
  ['client → server, from a component', 'client/features/groups/views/GroupView.vue',
    "<script setup lang=\"ts\">\nimport { buildApp } from '../../../../server/app';\nconsole.log(buildApp);\n</script>\n<template><p>{{ 1 }}</p></template>\n", CLIENT],
];

describe('a lint error names the direction each wrong import takes', () => {
  it.each(refused)('%s', async (_direction, file, code, message) => {
    const spec = code.match(/(?:from |import\(|require\()'([^']+)'/)![1];
    expect(await directionErrors(file, code)).toEqual([`${message} (import of "${spec}")`]);
  });
});

describe('the imports the architecture allows pass', () => {
  const allowed: [string, string, string][] = [
    ['shared → shared and zod', 'shared/groups.schema.ts', "import { z } from 'zod';\nimport { LIMITS } from './limits';\nexport const s = z.string().max(LIMITS.x);"],
    ['db → shared and its libraries', 'db/schema/groups.ts', "import { sqliteTable } from 'drizzle-orm/sqlite-core';\nimport { LIMITS } from '../../shared/limits';\nexport { sqliteTable, LIMITS };"],
    ['core → core, db and shared', 'server/core/bus.ts', "import { AppError } from './errors';\nimport { users } from '../../db/schema/users';\nimport { LIMITS } from '../../shared/limits';\nexport { AppError, users, LIMITS };"],
    ['a feature → core, another feature, db and shared', 'server/features/groups/groups.routes.ts', "import { AppError } from '../../core/errors';\nimport { renderMarkdown } from '../threads/markdown';\nimport { groups } from '../../../db/schema/groups';\nexport { AppError, renderMarkdown, groups };"],
    ['the composition root → features', 'server/demo.ts', "import { hashPassword } from './features/auth/passwords';\nimport { seedDemoIfEmpty } from '../db/seed';\nexport { hashPassword, seedDemoIfEmpty };"],
    ['client → client and shared', 'client/features/groups/groups.store.ts', "import { api } from '../../lib/api';\nimport { io } from 'socket.io-client';\nimport { LIMITS } from '../../../shared/limits';\nexport { api, io, LIMITS };"],
    ['tests → anything', 'tests/server/groups/groups.test.ts', "import { buildApp } from '../../../server/app';\nimport { api } from '../../../client/lib/api';\nexport { buildApp, api };"],
  ];
  it.each(allowed)('%s', async (_direction, file, code) => {
    expect(await directionErrors(file, code)).toEqual([]);
  });
});
