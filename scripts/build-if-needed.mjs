// Builds the workbench and the server when sources are newer than the last build.
import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'apps/server/dist/.build-stamp');
const inputs = [
  'apps/server/src',
  'apps/server/drizzle',
  'apps/server/tsup.config.ts',
  'apps/web/src',
  'apps/web/index.html',
  'apps/web/vite.config.ts',
  'packages/contract/src',
  'packages/domain/src',
  'package-lock.json',
];

function newest(p) {
  const full = path.join(root, p);
  if (!fs.existsSync(full)) return 0;
  const st = fs.statSync(full);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const e of fs.readdirSync(full)) max = Math.max(max, newest(path.join(p, e)));
  return max;
}

export function buildIfNeeded() {
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  const src = Math.max(...inputs.map(newest));
  if (built && built >= src && fs.existsSync(path.join(root, 'apps/web/dist/index.html'))) return false;
  console.error('Baue die Anwendung (einmalig nach Änderungen) / building the app …');
  execSync('npm run build', { cwd: root, stdio: ['ignore', 2, 2] });
  fs.writeFileSync(stamp, new Date().toISOString());
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfNeeded();
