import { defineConfig } from 'tsup';

// Bundles the server and the CLI with the workspace packages; npm dependencies stay external.
export default defineConfig({
  entry: { main: 'src/main.ts', cli: 'src/cli.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  splitting: true,
  noExternal: [/^@dkbm\//],
  tsconfig: 'tsconfig.json',
});
