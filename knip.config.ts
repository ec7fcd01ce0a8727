import type { KnipConfig } from 'knip';

/**
 * `npm run knip`: files, exports and dependencies nothing uses. Entry points knip cannot see on
 * its own are listed here (package.json scripts, vite, vitest, eslint and drizzle configs it finds
 * by itself), with why each is kept.
 */
const config: KnipConfig = {
  entry: [
    // Started by `npm run dev` (tsx) and, built, by scripts/start.mjs.
    'server/main.ts',
    // Worker pools load their task module by URL (createWorkerPool(new URL('./x.tasks.ts'))).
    'server/features/**/*.tasks.ts',
    // The worker threads' entry, found by path in server/core/worker-pool.ts.
    'server/core/workers/*.mjs',
    // Measurements: some are spawned by path as child processes (bench/run.ts starts each server
    // it compares), so every file there is an entry; so are the build and start scripts.
    'bench/*.ts',
    'scripts/*.mjs',
    // Type-level tests: compiled by `vue-tsc` in `npm test` (each `@ts-expect-error` must hold), never run.
    'tests/**/*.types.ts',
  ],
  project: ['**/*.{ts,vue,mjs,js}'],
  // An export a file uses itself (a schema another schema of the file builds on) is the file's
  // vocabulary, not dead code.
  ignoreExportsUsedInFile: true,
  ignoreIssues: {
    // Each schema's inferred type is the live/REST contract's vocabulary, read on both sides; the
    // enum-column and live-event parts of issue 13 are adopting them. Types cost nothing at run time.
    'shared/**/*.ts': ['types'],
  },
  ignoreDependencies: [
    // Imported by @tiptap/vue-3/menus (CommentBubble.vue), which declares them optional only.
    '@tiptap/extension-bubble-menu',
    '@tiptap/extension-floating-menu',
    // The PDF export's fonts, resolved by a computed path (server/features/documents/export/pdf.ts).
    'dejavu-fonts-ttf',
  ],
};

export default config;
