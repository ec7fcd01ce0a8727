// `npm start`: builds only when the build is missing or older than the sources, then runs the
// compiled server (dist/server/main.js) in this same process: no TypeScript compiled at start.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist/build-stamp.json');
/** What the build is made of: a change to any of these (a `git pull`, an edit, `npm ci` after a new lock file) rebuilds. */
const SOURCES = ['server', 'shared', 'db', 'client', 'scripts', 'package.json', 'package-lock.json', 'vite.config.ts', 'tsconfig.json'];

const newest = (path) => {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), info.mtimeMs);
};

/** Why a build is needed, or null when dist/ is up to date. */
function staleBecause() {
  if (!existsSync(stamp) || !existsSync(join(root, 'dist/server/main.js'))) return 'aucune construction';
  const builtAt = statSync(stamp).mtimeMs;
  const changed = SOURCES.find((source) => newest(join(root, source)) > builtAt);
  return changed ? `${changed} a changé` : null;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const reason = staleBecause();
  if (reason) {
    console.log(`Construction (${reason})…`);
    const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
    if (build.status !== 0) process.exit(build.status ?? 1);
    performance.mark('maillage:built');
  }
  // Stack traces in the logs name the TypeScript sources (dist/server/*.js.map).
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(join(root, 'dist/server/main.js')).href);
}
