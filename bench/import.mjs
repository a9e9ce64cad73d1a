// Benchmark: import throughput of official GENESIS tables (our full pipeline: createRun → analyzeRun →
// commitRun, i.e. parse, key matching, COPY into staging, one transaction) against a raw COPY of the SAME
// resulting rows (all columns, including the run id) into a fresh table shaped like `observations`
// (LIKE observations INCLUDING ALL + the series foreign key), measured in the same run on the same engine:
// PGlite with its data folder on disk, and PostgreSQL. ratio = raw COPY time / our import time (= our cells/s
// ÷ raw COPY cells/s); both timed phases start after a CHECKPOINT, so neither pays for the other's dirty pages.
// Each import runs in a child process whose resident memory (VmRSS) the parent samples every 100 ms; the
// child loads the TypeScript sources through `node --import tsx`. The memory goal is measured separately
// on the production path: `dkbm import` (built CLI) of the largest table, peak RSS from the kernel
// (`/usr/bin/time` maximum resident set size, else VmHWM sampled every 100 ms).
// Usage: npm run bench -- import [--runs 3] [--files=a.csv,b.csv] [--engines=pglite,postgres] [--trace]
//   PostgreSQL: TEST_DATABASE_URL, else a running or freshly started scripts/pg-test-server.sh.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { arg, banner, postgresUrl, procMb, root, say } from './lib.mjs';

const dataDir = process.env.DKBM_SHARED_DATA ?? path.resolve(root, '..', 'shared', 'data');
const genesis = path.join(dataDir, 'genesapi-data');

/* ---------------------------------------------------------------- child: one import, one COPY */

async function worker() {
  const [engine, file, target] = process.argv.slice(3);
  const src = (p) => pathToFileURL(path.join(root, 'apps/server/src', p)).href;
  const { openDatabase } = await import(src('platform/db/client.ts'));
  const { analyzeRun, commitRun, createRun } = await import(src('modules/imports/runs.service.ts'));
  const { tenantScope } = await import(src('platform/tenancy/scope.ts'));
  const { copyRows, csvField } = await import(src('platform/db/copy.ts'));
  const send = (m) => new Promise((r) => process.send(m, r));

  // The database exists already (created, migrated and given the tenant by `dkbm tenant add`), as in
  // production, where `dkbm import` runs against an installed data folder or server.
  const database = await openDatabase(
    engine === 'pglite' ? { pgliteDir: path.join(target, 'pgdata') } : { databaseUrl: target },
  );
  try {
    const tenant = (await database.query(`SELECT id FROM tenants WHERE slug = 'bench'`))[0];
    const bytes = new Uint8Array(fs.readFileSync(path.join(genesis, file)));
    await database.exec('CHECKPOINT');
    await send({ phase: 'import' });
    const t0 = performance.now();
    const runId = await createRun(tenantScope(database.db, tenant.id), {
      userId: null,
      via: 'cli',
      file: { name: file, bytes },
    });
    const tCreated = performance.now();
    // National tables: create all their areas (the default is off when most keys lie outside the tenant).
    await analyzeRun(database, tenant.id, runId, { createAreas: true });
    const tAnalyzed = performance.now();
    const result = await commitRun(database, tenant.id, runId, { createAreas: true });
    const importMs = performance.now() - t0;
    const phases = {
      createRun: tCreated - t0,
      analyzeRun: tAnalyzed - tCreated,
      commitRun: performance.now() - tAnalyzed,
    };
    await send({ phase: 'between' });

    // Baseline: the rows the import produced, as CSV, COPY'd into a fresh table of the same shape.
    const rows = await database.query(
      `SELECT tenant_id, series_id, area_id, period::text AS period, value::text AS value, flag, import_run_id
         FROM observations WHERE import_run_id = $1`,
      [runId],
    );
    const lines = rows.map(
      (r) =>
        `${r.tenant_id},${r.series_id},${r.area_id},${r.period},${csvField(r.value)},${csvField(r.flag)},${r.import_run_id}`,
    );
    await database.exec(`DROP TABLE IF EXISTS bench_copy;
      CREATE TABLE bench_copy (LIKE observations INCLUDING ALL);
      ALTER TABLE bench_copy ADD FOREIGN KEY (series_id) REFERENCES series(id) ON DELETE CASCADE;
      CHECKPOINT;`);
    await send({ phase: 'copy' });
    const t1 = performance.now();
    // One COPY of all rows (the cheapest way in): PGlite via its blob device, PostgreSQL via COPY FROM STDIN.
    await copyRows(
      database,
      'bench_copy',
      ['tenant_id', 'series_id', 'area_id', 'period', 'value', 'flag', 'import_run_id'],
      lines,
    );
    const copyMs = performance.now() - t1;
    const check = await database.query(`SELECT count(*)::int AS n FROM bench_copy`);
    if (check[0].n !== rows.length) throw new Error(`COPY loaded ${check[0].n} of ${rows.length} rows`);
    await send({
      phase: 'done',
      file,
      cells: rows.length,
      inserted: result.observations.inserted,
      areas: result.areas.created,
      series: (await database.query(`SELECT count(*)::int AS n FROM series`))[0].n,
      importMs,
      copyMs,
      phases,
    });
  } finally {
    await database.close();
  }
}

/* ---------------------------------------------------------------- parent */

/** Sample a child's VmRSS every 100 ms; `phaseOf()` names the phase the sample belongs to. */
function sampleRss(child, phaseOf) {
  const peak = {};
  const sample = () => {
    const mb = procMb(child.pid);
    const p = phaseOf();
    peak[p] = Math.max(peak[p] ?? 0, mb);
    return mb;
  };
  const timer = setInterval(sample, 100);
  return { peak, sample, stop: () => clearInterval(timer) };
}

/** The worker (tsx sources): timed import, then the baseline COPY; RSS per phase. */
function runWorker(engine, file, target, trace) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', engine, file, target],
      {
        cwd: root,
        env: { ...process.env, ...(trace ? { DKBM_TRACE: '1' } : {}) },
        stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    let phase = 'setup';
    const rss = sampleRss(child, () => phase);
    let beforeImport = 0;
    let result = null;
    child.on('message', (m) => {
      const now = rss.sample();
      if (m.phase === 'import') beforeImport = now;
      phase = m.phase;
      if (m.phase === 'done') result = m;
    });
    child.on('exit', (code) => {
      rss.stop();
      if (code !== 0 || !result) {
        reject(new Error(`import worker ${engine} ${file} exited with ${code}:\n${stderr}`));
        return;
      }
      resolve({ ...result, beforeImport, peakImport: rss.peak.import ?? 0, trace: stderr });
    });
  });
}

const cliJs = path.join(root, 'apps/server/dist/cli.js');
const gnuTime = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * `dkbm <args>` (the built CLI) against the target; resolves with wall time and the peak resident memory
 * of the process: the kernel's maximum resident set size through GNU time, else VmHWM sampled every 100 ms.
 */
function runCli(engine, target, args) {
  return new Promise((resolve, reject) => {
    // PostgreSQL: the CLI still gets a DATA_DIR of its own (nothing of it is shared with other runs).
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'dkbm-bench-cli-'));
    const env =
      engine === 'pglite'
        ? { DATA_DIR: target, DATABASE_URL: '' }
        : { DATABASE_URL: target, DATA_DIR: scratch };
    const timeOut = path.join(scratch, 'time.txt');
    const cmd = gnuTime
      ? [gnuTime, ['-f', '%M', '-o', timeOut, process.execPath, cliJs, ...args]]
      : [process.execPath, [cliJs, ...args]];
    const t0 = performance.now();
    const child = spawn(cmd[0], cmd[1], {
      cwd: root,
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    let sampled = 0;
    const timer = gnuTime
      ? null
      : setInterval(() => (sampled = Math.max(sampled, procMb(child.pid, 'VmHWM'))), 100);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      if (timer) clearInterval(timer);
      let peak = sampled;
      if (gnuTime) {
        const last = fs.readFileSync(timeOut, 'utf8').trim().split('\n').at(-1);
        peak = Number(last) / 1024;
      }
      fs.rmSync(scratch, { recursive: true, force: true });
      if (code !== 0) reject(new Error(`dkbm ${args.join(' ')} exited with ${code}:\n${out}`));
      else resolve({ ms, peak, out });
    });
  });
}

/** A fresh database (PGlite folder or PostgreSQL database), migrated, with the tenant `bench`. */
async function freshTarget(engine, admin) {
  let target;
  let drop;
  if (engine === 'pglite') {
    target = fs.mkdtempSync(path.join(os.tmpdir(), 'dkbm-bench-import-'));
    drop = async () => fs.rmSync(target, { recursive: true, force: true });
  } else {
    const { default: pg } = await import('pg');
    const name = `dkbm_bench_${crypto.randomBytes(5).toString('hex')}`;
    const adminQuery = async (q) => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(q);
      } finally {
        await c.end();
      }
    };
    await adminQuery(`CREATE DATABASE ${name}`);
    const u = new URL(admin);
    u.pathname = `/${name}`;
    target = u.toString();
    drop = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  try {
    await runCli(engine, target, [
      'tenant',
      'add',
      '--slug',
      'bench',
      '--name',
      'Benchmark',
      '--type',
      'landkreis',
      '--ags',
      '03159',
    ]);
  } catch (e) {
    await drop();
    throw e;
  }
  return { target, drop };
}

async function main() {
  if (!fs.existsSync(genesis)) {
    say(`import: ${genesis} fehlt / missing – benchmark skipped (needs ../shared/data).`);
    return;
  }
  const runs = Number(arg('runs', '3')) || 3;
  const files = arg(
    'files',
    '12411-02-03-5_00.csv,12411-04-02-4_00.csv,12411-02-03-4_00.csv,22541-01-01-4_00.csv',
  ).split(',');
  const engines = arg('engines', 'pglite,postgres').split(',');
  const trace = process.argv.includes('--trace');

  const median = (xs) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)];
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  const summary = [];
  for (const engine of engines) {
    let admin = null;
    let started = false;
    if (engine === 'postgres') {
      const pgInfo = await postgresUrl();
      if (!pgInfo) {
        banner(
          'ÜBERSPRUNGEN / SKIPPED import on PostgreSQL: no TEST_DATABASE_URL and no server could be started',
        );
        continue;
      }
      ({ url: admin, started } = pgInfo);
    }
    say(
      `\nimport on ${engine === 'pglite' ? 'PGlite (data folder on disk)' : `PostgreSQL (${new URL(admin).host})`}, ${runs} run(s) per table, median` +
        ` (load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
    );
    say(
      '  table                     cells   ours cells/s   raw COPY cells/s   ratio   ours s   COPY s   worker RSS before → peak',
    );
    try {
      for (const file of files) {
        if (!fs.existsSync(path.join(genesis, file))) {
          say(`  ${file}: missing, skipped`);
          continue;
        }
        const results = [];
        for (let i = 0; i < runs; i++) {
          const { target, drop } = await freshTarget(engine, admin);
          try {
            results.push(await runWorker(engine, file, target, trace));
          } finally {
            await drop();
          }
        }
        const r = results[0];
        // Each run times the import and then the COPY in the same process: the ratio is taken per run
        // (pairs close in time), then the median over runs; cells/s are medians too.
        const ratios = results.map((x) => x.copyMs / x.importMs);
        const ratio = median(ratios);
        const importMs = median(results.map((x) => x.importMs));
        const copyMs = median(results.map((x) => x.copyMs));
        const ours = r.cells / (importMs / 1000);
        const raw = r.cells / (copyMs / 1000);
        const peak = Math.max(...results.map((x) => x.peakImport));
        const before = median(results.map((x) => x.beforeImport));
        say(
          `  ${file.padEnd(22)} ${fmt(r.cells).padStart(8)}   ${fmt(ours).padStart(12)}   ${fmt(raw).padStart(16)}   ${ratio.toFixed(2).padStart(5)}   ${(importMs / 1000).toFixed(1).padStart(6)}   ${(copyMs / 1000).toFixed(1).padStart(6)}   ${before.toFixed(0)} → ${peak.toFixed(0)} MB` +
            (runs > 1 ? `   (ratio per run: ${ratios.map((x) => x.toFixed(2)).join(' ')})` : ''),
        );
        if (trace) {
          say(
            `      phases: ${Object.entries(r.phases)
              .map(([k, v]) => `${k} ${Math.round(v)} ms`)
              .join(', ')}; commitRun steps (DKBM_TRACE):`,
          );
          for (const l of r.trace.split('\n').filter((x) => x.startsWith('[import]'))) say(`      ${l}`);
        }
        summary.push({ engine, file, cells: r.cells, ratio, ours, raw, importMs, copyMs });
      }
      const measured = summary.filter((s) => s.engine === engine && !s.memory);
      if (measured.length > 1) {
        // All tables together: total cells over the summed median times.
        const cells = measured.reduce((a, s) => a + s.cells, 0);
        const importMs = measured.reduce((a, s) => a + s.importMs, 0);
        const copyMs = measured.reduce((a, s) => a + s.copyMs, 0);
        say(
          `  ${'all tables'.padEnd(22)} ${fmt(cells).padStart(8)}   ${fmt(cells / (importMs / 1000)).padStart(12)}   ${fmt(cells / (copyMs / 1000)).padStart(16)}   ${(copyMs / importMs).toFixed(2).padStart(5)}   ${(importMs / 1000).toFixed(1).padStart(6)}   ${(copyMs / 1000).toFixed(1).padStart(6)}`,
        );
        summary.push({ engine, file: 'all tables', cells, ratio: copyMs / importMs });
      }
      // Memory of the production path: `dkbm import` (built CLI) of the largest table (most cells), on an
      // installed database (its own process: start-up, parse, staging, transaction); `runs` times (the peak
      // depends on when V8 collects), each on a fresh database. Baseline: `dkbm tenant list` (start-up and
      // opening the database only).
      const largest =
        measured.toSorted((a, b) => b.cells - a.cells)[0]?.file ??
        files.find((f) => fs.existsSync(path.join(genesis, f)));
      const mem = [];
      for (let i = 0; i < runs; i++) {
        const { target, drop } = await freshTarget(engine, admin);
        try {
          const baseline = await runCli(engine, target, ['tenant', 'list']);
          const imp = await runCli(engine, target, [
            'import',
            path.join(genesis, largest),
            '--tenant',
            'bench',
            '--create-areas',
          ]);
          mem.push({ peak: imp.peak, ms: imp.ms, base: baseline.peak });
        } finally {
          await drop();
        }
      }
      const peaks = mem.map((m) => m.peak);
      say(
        `  dkbm import ${largest} (dist/cli.js, whole process; peak RSS by ${gnuTime ? '/usr/bin/time' : 'VmHWM'}): ${(median(mem.map((m) => m.ms)) / 1000).toFixed(1)} s wall, ` +
          `peak RSS median ${median(peaks).toFixed(0)} MB, max ${Math.max(...peaks).toFixed(0)} MB (runs: ${peaks.map((x) => x.toFixed(0)).join(' ')})` +
          `; baseline \`dkbm tenant list\` on the same database: ${median(mem.map((m) => m.base)).toFixed(0)} MB`,
      );
      summary.push({ engine, file: largest, peak: Math.max(...peaks), memory: true });
    } finally {
      if (started) execFileSync(path.join(root, 'scripts/pg-test-server.sh'), ['stop']);
    }
  }
  say(
    '\ngoals: ratio (raw COPY time / our import time) ≥ 0.5; peak resident memory of `dkbm import` of the largest table < 500 MB',
  );
  for (const s of summary) {
    if (s.memory) {
      say(
        `  ${s.engine.padEnd(8)} ${s.file.padEnd(22)} highest peak RSS ${s.peak.toFixed(0)} MB ${s.peak < 500 ? 'ok' : 'MISSED'}`,
      );
    } else {
      say(
        `  ${s.engine.padEnd(8)} ${s.file.padEnd(22)} ratio ${s.ratio.toFixed(2)} ${s.ratio >= 0.5 ? 'ok' : 'MISSED'}`,
      );
    }
  }
}

if (process.argv[2] === '--worker') await worker();
else await main();
