// Compiles the server once into dist/server, so that production runs plain `node` instead of
// compiling TypeScript at every start (tsx). Run by `npm run build` (scripts/build.mjs).
//
// Layout of the output, which the server's own path lookups rely on:
//   dist/server/main.js            the server (server/main.ts), and the chunks it shares
//   dist/server/<name>.tasks.js    each worker pool's task module, beside main.js, found by
//                                  taskModule() in server/core/worker-pool.ts
//   dist/server/workers/           the worker processes' entry (bootstrap.mjs), as in the sources
//   dist/server/migrations/        the committed drizzle migrations, read by db/migrate.ts
import { build } from 'esbuild';
import { cpSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const serverOut = `${root}dist/server`;

/** Worker pools' task modules: each becomes an entry point of its own (worker processes import it by URL). */
const TASK_MODULES = {
  'collab.tasks': 'server/features/documents/collab/collab.tasks.ts',
  'render.tasks': 'server/features/documents/render/render.tasks.ts',
};

/**
 * Builds into `outDir` (tests build a copy of their own); it must sit inside the project, for node_modules.
 * `entries` adds entry points compiled the same way (the bench runs its server as production does).
 */
export async function buildServer(outDir = serverOut, entries = []) {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: [
      { in: 'server/main.ts', out: 'main' },
      ...Object.entries(TASK_MODULES).map(([out, source]) => ({ in: source, out })),
      ...entries,
    ],
    outdir: outDir,
    bundle: true,
    // Code shared by main.js and the task modules (yjs helpers, the editor schema) lives once, in chunks.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    // Every package stays in node_modules: native modules (better-sqlite3, argon2) cannot be
    // bundled, and yjs must be one
    // instance for y-protocols and our code alike. Only our TypeScript is compiled and bundled.
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    // Chunks beside main.js: `import.meta.url` in code that lands in a chunk must name the same folder.
    chunkNames: '[name]-[hash]',
  });
  cpSync(`${root}server/core/workers`, `${outDir}/workers`, { recursive: true });
  cpSync(`${root}db/migrations`, `${outDir}/migrations`, { recursive: true });
}

// `node scripts/build-server.mjs [outDir [extra entry sources…]]` (each extra entry becomes `<its name>.js`)
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [outDir, ...extra] = process.argv.slice(2);
  await buildServer(outDir ? resolve(outDir) : undefined, extra.map((source) => ({ in: source, out: basename(source).replace(/\.ts$/, '') })));
}
