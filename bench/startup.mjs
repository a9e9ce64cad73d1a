// Benchmark: start-up of the server on an EXISTING PGlite database until the first 200 from /healthz, and
// resident memory after start. Baselines measured in the same run on the same machine:
//   (a) a bare Fastify process answering /healthz (no database), (b) opening the same PGlite folder alone.
// Usage: npm run bench -- startup [--runs 5]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { freePort, procMb, root, say } from './lib.mjs';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const serverJs = path.join(root, 'apps/server/dist/main.js');
if (!fs.existsSync(serverJs)) throw new Error('npm run build first');

async function timeToHealthy(args, env, { measureRss = false } = {}) {
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  let ms = null;
  while (performance.now() - t0 < 60_000) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.status === 200) {
        ms = performance.now() - t0;
        break;
      }
    } catch {}
    await new Promise((r) => setTimeout(r, 10));
  }
  let rss = null;
  if (measureRss) {
    await new Promise((r) => setTimeout(r, 1000));
    rss = procMb(proc.pid);
  }
  proc.kill('SIGTERM');
  await new Promise((r) => proc.on('exit', r));
  return { ms, rss };
}

const median = (xs) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dkbm-bench-startup-'));
try {
  // First start creates the database and the demo municipality (not measured as "existing").
  const first = await timeToHealthy([serverJs], { DATA_DIR: dir });
  const bare = path.join(dir, 'bare.mjs');
  fs.writeFileSync(
    bare,
    `import Fastify from '${path.join(root, 'node_modules/fastify/fastify.js')}';
     const app = Fastify(); app.get('/healthz', async () => ({ status: 'ok' }));
     await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });`,
  );
  const pgliteOnly = path.join(dir, 'pglite.mjs');
  fs.writeFileSync(
    pgliteOnly,
    `import { PGlite } from '${path.join(root, 'node_modules/@electric-sql/pglite/dist/index.js')}';
     import http from 'node:http';
     const db = new PGlite(process.env.DATA_DIR + '/pgdata'); await db.waitReady; await db.query('select 1');
     http.createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');`,
  );
  const ours = [],
    rss = [],
    bases = [],
    pgl = [];
  for (let i = 0; i < runs; i++) {
    const o = await timeToHealthy([serverJs], { DATA_DIR: dir }, { measureRss: true });
    ours.push(o.ms);
    rss.push(o.rss);
    bases.push((await timeToHealthy([bare], {})).ms);
    pgl.push((await timeToHealthy([pgliteOnly], { DATA_DIR: dir })).ms);
  }
  const m = median(ours),
    b = median(bases),
    p = median(pgl);
  say(`startup (existing PGlite database, ${runs} runs, median)`);
  say(`  first start incl. migrations + demo:      ${first.ms.toFixed(0)} ms`);
  say(`  DKBM server to first 200 /healthz:        ${m.toFixed(0)} ms   (goal < 3000 ms)`);
  say(`  baseline bare Fastify /healthz:           ${b.toFixed(0)} ms   ratio ${(m / b).toFixed(1)}×`);
  say(
    `  baseline PGlite open of the same folder:  ${p.toFixed(0)} ms   ratio ${(m / p).toFixed(2)}× (our overhead ${(m - p).toFixed(0)} ms)`,
  );
  say(`  resident memory 1 s after start:          ${median(rss).toFixed(0)} MB (goal < 300 MB)`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
