// Benchmark: heavy imports through the HTTP API of the BUILT server (apps/server/dist/main.js) while another
// client polls /healthz every 50 ms (issue 9, item 5: one user must not stop the service for everyone).
// Two generated files, written deterministically into a temporary folder:
//   wide  – a 9.9 MB CSV with one million columns (`id;c1;…;c999999`, one data row): upload and check;
//   tidy  – a 48 MB tidy CSV with 1.44 million values (400 Planungsräume × 20 years × 2 × 90 dimension values,
//           one value per line, German decimal comma): upload, check, column mapping, check again, commit,
//           then the first public read of the new indicator (its first page of at most 20,000 cells).
// Per file and engine (PGlite with a data folder; PostgreSQL with a fresh database): /healthz p50/p99/max
// while it runs, peak resident memory of the server during the import (VmHWM after resetting it through
// /proc/<pid>/clear_refs), resident memory 15 s after the import, duration of each step, size of the
// run-detail response. Baselines in the same run: /healthz of the idle server (same poller, 5 s), and the
// command line `dkbm import` of the same file into a fresh database (wall time, kernel peak RSS via
// /usr/bin/time).
// Goals (issue 9): tidy CSV peak RSS ≤ 600 MB on PGlite and ≤ 400 MB on PostgreSQL; /healthz p99 < 100 ms.
// Usage: npm run bench -- import-load [--engines=pglite,postgres,pglite-inline] [--files=wide,tidy] [--no-cli]
//   [--areas=400]   (`pglite-inline`: PGlite in the server's own thread, PGLITE_THREAD=off, as before ADR 0017;
//   `--areas` scales the tidy file: 3,600 values per area)
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { arg, banner, freePort, postgresUrl, procMb, root, say } from './lib.mjs';

const engines = String(arg('engines', 'pglite,postgres')).split(',');
const fileKinds = String(arg('files', 'wide,tidy')).split(',');
const withCli = !process.argv.includes('--no-cli');
const serverJs = path.join(root, 'apps/server/dist/main.js');
const cliJs = path.join(root, 'apps/server/dist/cli.js');
if (!fs.existsSync(serverJs) || !fs.existsSync(cliJs)) throw new Error('npm run build first');
const gnuTime = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dkbm-bench-import-load-'));
const MB = 1e6; // decimal megabytes, as in the issue
const fmtMb = (bytes) => `${(bytes / MB).toFixed(1)} MB`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/* ---------------------------------------------------------------- files */

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function writeWide(file) {
  const n = 1_000_000;
  const fd = fs.openSync(file, 'w');
  let buf = ['id'];
  for (let i = 1; i < n; i++) {
    buf.push(`c${i}`);
    if (buf.length >= 50_000) {
      fs.writeSync(fd, buf.join(';') + ';');
      buf = [];
    }
  }
  fs.writeSync(fd, buf.join(';') + '\n01002');
  fs.writeSync(fd, ';1'.repeat(n - 1) + '\n');
  fs.closeSync(fd);
}

const TIDY = { areas: Number(arg('areas', 400)), years: 20, sexes: ['weiblich', 'männlich'], ages: 90 };
const TIDY_VALUES = TIDY.areas * TIDY.years * TIDY.sexes.length * TIDY.ages;

function writeTidy(file) {
  const next = rng(20261205);
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, 'Planungsraum;Jahr;Geschlecht;Alter;Einwohner\n');
  for (let a = 1; a <= TIDY.areas; a++) {
    const key = `PLR${String(a).padStart(4, '0')}`;
    const lines = [];
    for (let y = 0; y < TIDY.years; y++) {
      for (const s of TIDY.sexes) {
        for (let age = 0; age < TIDY.ages; age++) {
          // Counts of people with one decimal (estimates), at least 10: no small counts, so the disclosure
          // control of the public view has sums to check but nothing to withhold.
          const v = (10 + next() * 40000).toFixed(1).replace('.', ',');
          lines.push(`${key};${2005 + y};${s};${age};${v}`);
        }
      }
    }
    fs.writeSync(fd, lines.join('\n') + '\n');
  }
  fs.closeSync(fd);
}

const TIDY_MAPPING = {
  areaKey: { column: 'Planungsraum' },
  period: { column: 'Jahr', type: 'year' },
  dimensions: [
    { column: 'Geschlecht', name: 'Geschlecht' },
    { column: 'Alter', name: 'Alter' },
  ],
  values: [
    { column: 'Einwohner', measure: 'bench_einwohner', name: 'Einwohner (Benchmark)', unit: 'Personen' },
  ],
};

const files = {
  wide: { name: 'breit-1-million-spalten.csv', write: writeWide },
  tidy: { name: 'einwohner-planungsraeume.csv', write: writeTidy },
};

/* ---------------------------------------------------------------- processes */

/** Servers started by this run, stopped when it is interrupted. */
const children = new Set();
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    for (const c of children) c.kill('SIGTERM');
    fs.rmSync(work, { recursive: true, force: true });
    process.exit(130);
  });
}

async function startServer(env) {
  const port = await freePort();
  const proc = spawn(process.execPath, [serverJs], {
    cwd: root,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT_MAX: '1000',
      DEMO_DATA: 'true',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(proc);
  proc.on('exit', (code, signal) => {
    children.delete(proc);
    if (code !== 0) say(`  !!! server ended: exit ${code}, signal ${signal}`);
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1200; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { proc, base };
    } catch {}
    await sleep(100);
  }
  proc.kill('SIGTERM');
  throw new Error('server did not become healthy');
}

const stopServer = async (proc) => {
  if (proc.exitCode !== null) return;
  proc.kill('SIGTERM');
  await new Promise((r) => proc.on('exit', r));
};

/** Run the built CLI; resolves with exit code, wall time (s), peak RSS (MB, GNU time) and output. */
function cli(args, env) {
  return new Promise((resolve) => {
    const timeOut = path.join(work, `time-${crypto.randomBytes(4).toString('hex')}.txt`);
    const [cmd, argv] = gnuTime
      ? [gnuTime, ['-f', '%M', '-o', timeOut, process.execPath, cliJs, ...args]]
      : [process.execPath, [cliJs, ...args]];
    const t0 = performance.now();
    const child = spawn(cmd, argv, {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      const s = (performance.now() - t0) / 1000;
      const peak = gnuTime ? Number(fs.readFileSync(timeOut, 'utf8').trim().split('\n').at(-1)) / 1024 : NaN;
      resolve({ code, s, peak, out });
    });
  });
}

/* ---------------------------------------------------------------- HTTP client */

function jar(prev, res) {
  const m = new Map(prev ? prev.split('; ').map((c) => [c.split('=')[0], c]) : []);
  for (const c of res.headers.getSetCookie()) {
    const pair = c.split(';')[0];
    m.set(pair.split('=')[0], pair);
  }
  return [...m.values()].join('; ');
}

async function signIn(base) {
  let res = await fetch(`${base}/api/auth/session`);
  const { csrfToken } = await res.json();
  let cookie = jar('', res);
  res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie },
    body: JSON.stringify({ email: 'admin@musterstadt.example', password: 'admin-demo-passwort' }),
  });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  const session = await res.json();
  cookie = jar(cookie, res);
  const tenantId = session.memberships.find((m) => m.slug === 'musterstadt').tenantId;
  return { base, cookie, csrf: session.csrfToken, tenantId };
}

async function call(s, method, url, body) {
  const headers = { cookie: s.cookie };
  if (method !== 'GET') headers['x-csrf-token'] = s.csrf;
  if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
  for (let attempt = 0; ; attempt++) {
    try {
      const init = { method, headers };
      if (body !== undefined) init.body = body instanceof FormData ? body : JSON.stringify(body);
      const res = await fetch(s.base + url, init);
      const text = await res.text();
      return { status: res.status, bytes: Buffer.byteLength(text), text };
    } catch (e) {
      // A server whose event loop was blocked closes keep-alive connections that timed out meanwhile while
      // the client reuses them (ECONNRESET): a symptom of the blocking, counted, and the GET repeated.
      if (method !== 'GET' || attempt >= 3) throw e;
      s.resets = (s.resets ?? 0) + 1;
    }
  }
}

/* ---------------------------------------------------------------- the poller (own thread) */

const POLLER = `
const { parentPort, workerData } = require('node:worker_threads');
const results = [];
(async () => {
  while (Atomics.load(workerData.stop, 0) === 0) {
    const t0 = performance.now();
    let status = 0;
    try {
      const r = await fetch(workerData.base + '/healthz', { signal: AbortSignal.timeout(120000) });
      status = r.status;
      await r.arrayBuffer();
    } catch {}
    results.push([status, performance.now() - t0]);
    await new Promise((r) => setTimeout(r, 50));
  }
  parentPort.postMessage(results);
})();
`;

/** /healthz every 50 ms in a worker thread (this thread may be busy reading large answers). */
function startPoller(base) {
  const stop = new Int32Array(new SharedArrayBuffer(4));
  const w = new Worker(POLLER, { eval: true, workerData: { base, stop } });
  const done = new Promise((r) => w.once('message', r));
  return async () => {
    Atomics.store(stop, 0, 1);
    const results = await done;
    await w.terminate();
    const ms = results.map((r) => r[1]).toSorted((a, b) => a - b);
    const q = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? NaN;
    return {
      n: ms.length,
      failed: results.filter((r) => r[0] !== 200).length,
      p50: q(0.5),
      p99: q(0.99),
      max: ms.at(-1),
    };
  };
}

const health = (h) =>
  `/healthz ${h.n} checks, p50 ${h.p50.toFixed(1)} ms, p99 ${h.p99.toFixed(1)} ms, max ${h.max.toFixed(0)} ms` +
  (h.failed ? `, ${h.failed} FAILED` : '');

/* ---------------------------------------------------------------- one import through the API */

async function waitRun(s, runId, until) {
  for (;;) {
    const r = await call(s, 'GET', `/api/tenants/${s.tenantId}/imports`);
    const run = JSON.parse(r.text).find((x) => x.id === runId);
    if (!run) throw new Error(`run ${runId} gone`);
    if (until.includes(run.status)) return run;
    await sleep(200);
  }
}

async function apiImport(s, kind, file) {
  const steps = [];
  const step = async (label, fn) => {
    const t0 = performance.now();
    const out = await fn();
    steps.push(`${label} ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return out;
  };
  const tUrl = `/api/tenants/${s.tenantId}`;
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(file)]), path.basename(file));
  const up = await step('upload', () => call(s, 'POST', `${tUrl}/imports`, form));
  const sizes = [];
  if (up.status !== 202) {
    const msg = JSON.parse(up.text).message ?? '';
    return { steps, sizes, outcome: `upload ${up.status} (${msg.length} chars: ${msg.slice(0, 160)}…)` };
  }
  const runId = JSON.parse(up.text).id;
  let run = await step('check', () => waitRun(s, runId, ['ready', 'failed']));
  let detail = await call(s, 'GET', `${tUrl}/imports/${runId}`);
  sizes.push(`after upload ${fmtMb(detail.bytes)}`);
  if (kind === 'wide' || run.status === 'failed') {
    const d = JSON.parse(detail.text);
    return {
      steps,
      sizes,
      outcome:
        run.status === 'failed' ? `failed: ${d.error?.message?.slice(0, 160)}` : `ready (${run.status})`,
    };
  }
  const options = { mapping: TIDY_MAPPING, level: 'planungsraum', createAreas: true };
  const an = await call(s, 'POST', `${tUrl}/imports/${runId}/analyze`, options);
  if (an.status !== 202) throw new Error(`analyze: ${an.status} ${an.text.slice(0, 300)}`);
  run = await step('check with mapping', () => waitRun(s, runId, ['ready', 'failed']));
  detail = await call(s, 'GET', `${tUrl}/imports/${runId}`);
  sizes.push(`after mapping ${fmtMb(detail.bytes)}`);
  if (run.status === 'failed')
    return { steps, sizes, outcome: `failed: ${JSON.parse(detail.text).error?.message}` };
  const cm = await call(s, 'POST', `${tUrl}/imports/${runId}/commit`, options);
  if (cm.status !== 202) throw new Error(`commit: ${cm.status} ${cm.text.slice(0, 300)}`);
  run = await step('commit', () => waitRun(s, runId, ['done', 'failed']));
  detail = await call(s, 'GET', `${tUrl}/imports/${runId}`);
  sizes.push(`after commit ${fmtMb(detail.bytes)}`);
  const d = JSON.parse(detail.text);
  if (run.status === 'failed') return { steps, sizes, outcome: `failed: ${d.error?.message}` };
  const inds = JSON.parse((await call(s, 'GET', `${tUrl}/indicators`)).text);
  const ind = inds.find((i) => i.code === 'bench_einwohner');
  const pub = await step('first public read', () =>
    call(s, 'GET', `${tUrl}/indicators/${ind.id}/observations?view=public`),
  );
  // The read is paged (at most 20,000 cells an answer): the first page, and where the next one starts.
  const next = pub.status === 200 ? JSON.parse(pub.text).nextOffset : undefined;
  sizes.push(
    `public read ${fmtMb(pub.bytes)} (${pub.status}${next != null ? `, first page, next offset ${next}` : ''})`,
  );
  return { steps, sizes, outcome: `done, ${d.result.observations.inserted.toLocaleString('en-US')} values` };
}

/* ---------------------------------------------------------------- per engine */

async function freshPostgres(pgUrl, label) {
  const { default: pg } = await import('pg');
  const name = `dkbm_bench_load_${label.replace(/\W/g, '_')}_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(pgUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function benchEngine(engine, pgUrl) {
  const made = [];
  const dbEnv = async (label) => {
    if (engine.startsWith('pglite')) {
      const dir = fs.mkdtempSync(path.join(work, `pglite-${label}-`));
      return { DATA_DIR: dir, PGLITE_THREAD: engine === 'pglite-inline' ? 'off' : 'on' };
    }
    const db = await freshPostgres(pgUrl, label);
    made.push(db);
    return { DATABASE_URL: db.url, DATA_DIR: fs.mkdtempSync(path.join(work, `pg-${label}-`)) };
  };
  say(
    `\n${{ pglite: 'PGlite (own thread)', 'pglite-inline': "PGlite (server's thread)" }[engine] ?? 'PostgreSQL'} (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
  );
  try {
    for (const kind of fileKinds) {
      const f = files[kind];
      const file = path.join(work, f.name);
      // A server of its own per file. Its database is created, migrated and seeded by a first start (a new
      // PGlite folder costs about 800 MB once); measured is the second start, as a server runs in production.
      const env = await dbEnv(`server-${kind}`);
      await stopServer((await startServer(env)).proc);
      const srv = await startServer(env);
      const pid = srv.proc.pid;
      try {
        const s = await signIn(srv.base);
        await sleep(2000);
        const stopIdle = startPoller(srv.base);
        await sleep(5000);
        const idle = await stopIdle();
        const before = procMb(pid);
        let hwmReset = true;
        try {
          fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
        } catch {
          hwmReset = false;
        }
        let sampled = before;
        const sampler = setInterval(() => (sampled = Math.max(sampled, procMb(pid))), 50);
        const stop = startPoller(srv.base);
        const t0 = performance.now();
        let r;
        try {
          r = await apiImport(s, kind, file);
        } finally {
          clearInterval(sampler);
        }
        const total = (performance.now() - t0) / 1000;
        await sleep(1000);
        const h = await stop();
        const peak = hwmReset ? Math.max(sampled, procMb(pid, 'VmHWM')) : sampled;
        await sleep(15_000);
        const after = procMb(pid);
        say(`  ${kind} (${f.name}, ${fmtMb(fs.statSync(file).size)}) through the API: ${r.outcome}`);
        say(`    idle server before: ${health(idle)}`);
        say(`    during the import:  ${health(h)}  (ratio of p99 ${(h.p99 / idle.p99).toFixed(1)})`);
        say(
          `    server RSS before ${before.toFixed(0)} MB, peak ${peak.toFixed(0)} MB (+${(peak - before).toFixed(0)}), 15 s after ${after.toFixed(0)} MB; ${total.toFixed(1)} s: ${r.steps.join(', ')}`,
        );
        say(
          `    run detail: ${r.sizes.join(', ')}${s.resets ? `; ${s.resets} connection resets (GET repeated)` : ''}`,
        );
      } finally {
        await stopServer(srv.proc);
      }
    }
    if (!withCli) return;
    for (const kind of fileKinds) {
      const f = files[kind];
      const env = await dbEnv(`cli-${kind}`);
      const seed = await cli(['seed-demo'], env);
      if (seed.code !== 0) throw new Error(`seed-demo: ${seed.out}`);
      const args = ['import', path.join(work, f.name), '--tenant', 'musterstadt'];
      if (kind === 'tidy') {
        const m = path.join(work, 'zuordnung.json');
        fs.writeFileSync(m, JSON.stringify(TIDY_MAPPING));
        args.push('--mapping', m, '--level', 'planungsraum', '--create-areas');
      }
      const base = await cli(['tenant', 'list'], env);
      const r = await cli(args, env);
      const last = r.out.trim().split('\n').at(-1) ?? '';
      say(
        `  CLI dkbm import ${kind}: exit ${r.code}, ${r.s.toFixed(1)} s, peak RSS ${r.peak.toFixed(0)} MB ` +
          `(dkbm tenant list ${base.peak.toFixed(0)} MB); output ${r.out.length.toLocaleString('en-US')} chars, last line: ${last.slice(0, 160)}`,
      );
    }
  } finally {
    for (const d of made) await d.drop().catch(() => undefined);
  }
}

/* ---------------------------------------------------------------- main */

for (const kind of fileKinds) {
  const f = files[kind];
  if (!f) throw new Error(`unknown file kind ${kind} (wide, tidy)`);
  const t0 = performance.now();
  f.write(path.join(work, f.name));
  say(
    `generated ${f.name}: ${fmtMb(fs.statSync(path.join(work, f.name)).size)}` +
      (kind === 'tidy' ? `, ${TIDY_VALUES.toLocaleString('en-US')} values` : ', 1,000,000 columns') +
      ` (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
}
try {
  for (const engine of engines) {
    if (engine === 'postgres') {
      const pg = await postgresUrl();
      if (!pg) {
        banner('PostgreSQL not available: skipped');
        continue;
      }
      await benchEngine('postgres', pg.url);
    } else {
      await benchEngine(engine);
    }
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
