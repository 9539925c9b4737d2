import { defineConfig } from 'vitest/config';

// One test command for every tier: unit and database tests beside the code (src/), browser tests in e2e/.
// Machines have 2 cores, so at most two test files run at once.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts', 'bench/**/*.test.ts'],
    // test databases are prepared as the platform prepares its own (migrations and the regions)
    setupFiles: ['src/server/test-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
