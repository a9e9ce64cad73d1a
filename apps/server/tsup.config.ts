import fs from 'node:fs';
import { defineConfig } from 'tsup';

/** npm dependencies of the workspace packages that are bundled in (they stay external, like the server's own). */
const workspaceDeps = ['../../packages/domain', '../../packages/contract', '../web'].flatMap((dir) =>
  Object.keys(
    (
      JSON.parse(fs.readFileSync(new URL(`${dir}/package.json`, import.meta.url), 'utf8')) as {
        dependencies?: object;
      }
    ).dependencies ?? {},
  ),
);

// Bundles the server and the CLI with the workspace packages; npm dependencies stay external.
export default defineConfig({
  // The worker thread of statistics imports is an entry of its own, loaded next to the bundle (ADR 5).
  entry: {
    main: 'src/main.ts',
    cli: 'src/cli.ts',
    statisticsWorker: 'src/modules/imports/statistics.worker.ts',
  },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  splitting: true,
  noExternal: [/^@dkbm\//],
  external: workspaceDeps.filter((d) => !d.startsWith('@dkbm/')),
  tsconfig: 'tsconfig.json',
});
