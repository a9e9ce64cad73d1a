// Loader hook for benchmarks under tsx: `import text from './x.css?raw'` (a Vite/tsup import the portal's
// palette uses) gives the file's text, as the build does. Registered with `--import ./bench/rawImports.mjs`.
import fs from 'node:fs';
import { isMainThread } from 'node:worker_threads';
import { register } from 'node:module';

export async function load(url, context, next) {
  if (!url.endsWith('?raw')) return next(url, context);
  const text = fs.readFileSync(new URL(url.slice(0, -4)), 'utf8');
  return { format: 'module', shortCircuit: true, source: `export default ${JSON.stringify(text)}` };
}

// Imported with --import: register this module's `load` as a hook (once, in the main thread; the hooks
// thread loads this module again, where isMainThread is false).
if (isMainThread) register(import.meta.url);
