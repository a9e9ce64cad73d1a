import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'tsup';

/** `import text from './file.css?raw'` as in Vite: the file's text (the portal takes the shared palette so). */
const rawImports = {
  name: 'raw-imports',
  setup(build: {
    onResolve: (o: { filter: RegExp }, f: (a: { path: string; resolveDir: string }) => object) => void;
    onLoad: (o: { filter: RegExp; namespace: string }, f: (a: { path: string }) => Promise<object>) => void;
  }) {
    // The resolved path keeps its `?raw`, so that no CSS loader claims the file.
    build.onResolve({ filter: /\?raw$/ }, (a) => ({
      path: `${path.resolve(a.resolveDir, a.path.replace(/\?raw$/, ''))}?raw`,
      namespace: 'raw',
    }));
    build.onLoad({ filter: /\?raw$/, namespace: 'raw' }, async (a) => ({
      contents: await fs.promises.readFile(a.path.replace(/\?raw$/, ''), 'utf8'),
      loader: 'text',
    }));
  },
};

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
    // PGlite's own thread (ADR 0017).
    pgliteWorker: 'src/platform/db/pglite.worker.ts',
    // The Word file of a report (ADR 0012).
    docxWorker: 'src/modules/reports/docx.worker.ts',
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
  esbuildPlugins: [rawImports],
});
