import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

export default defineConfig({
  // Component tests (tests/client/*.test.ts in happy-dom) import .vue files; nothing else changes.
  plugins: [vue()],
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: browser tests each start Chromium and a server; more workers only queue.
    maxWorkers: 2,
    fileParallelism: true,
    // Files share their worker's loaded modules: each starts its own server, database and browser,
    // and nothing of ours keeps state at module level, so loading the server once per worker
    // instead of once per file saves about three minutes of CPU (import 193 s → 15 s).
    isolate: false,
    // Sign-ins hash with argon2: under load a page can take seconds to settle.
    expect: { poll: { timeout: 10_000 } },
  },
});
