import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    // Two cores: each file may start a server and a browser, so run files one or two at a time.
    maxWorkers: 2,
    projects: [
      // Pure code tested beside it (common/ rules, web/ expressions and composables): no data build, database or server to wait for.
      { extends: true, test: { name: 'unit', include: ['common/**/*.test.ts', 'web/src/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          globalSetup: ['tests/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
