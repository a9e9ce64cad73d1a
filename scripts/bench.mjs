// `npm run bench [-- <name> ...]`: runs the benchmarks in bench/ (all by default) after a build.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from './build-if-needed.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
buildIfNeeded();
const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('--') && !/^\d+$/.test(a));
const extra = args.filter((a) => !names.includes(a));
const all = fs
  .readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.mjs'))
  .map((f) => f.replace(/\.mjs$/, ''));
let failed = false;
for (const name of names.length ? names : all) {
  console.log(`\n### bench/${name}.mjs`);
  const r = spawnSync(process.execPath, [path.join(root, 'bench', `${name}.mjs`), ...extra], {
    stdio: 'inherit',
    cwd: root,
  });
  failed ||= r.status !== 0;
}
process.exit(failed ? 1 : 0);
