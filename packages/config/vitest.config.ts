import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));
// The web app's own import alias (apps/web/vite.config.ts), for its tests of app/lib.
// Every test fails on an unexpected console.error (vitest.setup.ts).
const setup = fileURLToPath(new URL('./vitest.setup.ts', import.meta.url));
const resolve = { alias: { '~': fileURLToPath(new URL('../../apps/web/app', import.meta.url)) } };

// Two projects: `unit` needs no services; `integration` runs against real PostgreSQL and Redis
// (its global setup migrates a template database for the run). Browser e2e has its own config in e2e/.
export default defineConfig({
  root,
  test: {
    root,
    projects: [
      {
        root,
        resolve,
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'apps/*/test/**/*.test.tsx'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'node',
          setupFiles: [setup],
        },
      },
      {
        root,
        resolve,
        test: {
          name: 'integration',
          include: ['packages/*/test/**/*.int.test.ts', 'apps/*/test/**/*.int.test.ts'],
          environment: 'node',
          setupFiles: [setup],
          globalSetup: ['packages/db/src/testing-global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          poolOptions: { forks: { maxForks: 2, minForks: 1 } },
        },
      },
    ],
  },
});
