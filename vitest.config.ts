import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // Live tests start real processes and sockets: keep files from racing for the same machine.
    fileParallelism: true,
    pool: 'forks',
  },
});
