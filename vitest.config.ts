import { defineConfig } from 'vitest/config';

// Three legs: pure unit tests, and the same database test files run once on PGlite and once on PostgreSQL.
// The portal's stylesheet reads the shared palette as text (`palette.css?raw`); vitest would otherwise
// replace every CSS file by an empty one.
const PALETTE_AS_TEXT = { include: [/palette\.css/] };
// The database projects seed the demo once per run into a template that test files clone (dbTemplate.ts).
const DB_TEMPLATE = './apps/server/src/test/globalSetup.db.ts';

// vitest's default is one worker fewer than CPUs, i.e. ONE on the 2-CPU CI machine. Two workers let a
// file's database or file I/O overlap with the other's CPU work (process tests stay sequential: they
// start servers and watch their memory).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          css: PALETTE_AS_TEXT,
          include: ['apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/*.process.test.ts', '**/*.data.test.ts', '**/node_modules/**'],
          environment: 'node',
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'db-pglite',
          css: PALETTE_AS_TEXT,
          include: ['apps/*/src/**/*.db.test.ts'],
          env: { TEST_DB_DRIVER: 'pglite' },
          globalSetup: [DB_TEMPLATE],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'db-postgres',
          css: PALETTE_AS_TEXT,
          include: ['apps/*/src/**/*.db.test.ts'],
          env: { TEST_DB_DRIVER: 'postgres' },
          globalSetup: [DB_TEMPLATE],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        // Real processes of the built server and CLI (npm run build first): lock, crash recovery, CLI.
        test: {
          name: 'process',
          css: PALETTE_AS_TEXT,
          include: ['apps/*/src/**/*.process.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Acceptance tests on the real official data in ../shared/data.
        test: {
          name: 'data',
          css: PALETTE_AS_TEXT,
          include: ['apps/*/src/**/*.data.test.ts', 'packages/*/src/**/*.data.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
    ],
  },
});
