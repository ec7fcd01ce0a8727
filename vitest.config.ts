import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Two cores: browser tests each start Chromium and a server; more workers only queue.
    maxWorkers: 2,
    fileParallelism: true,
    // Sign-ins hash with argon2: under load a page can take seconds to settle.
    expect: { poll: { timeout: 10_000 } },
  },
});
