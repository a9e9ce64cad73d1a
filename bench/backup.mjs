// Benchmark: `dkbm backup` and `dkbm restore` (built CLI) at scale, against pg_dump / pg_restore in the
// same run.
//   PostgreSQL: the database of `scale` (generateScaleData: 10 million observations by default), then
//     pg_dump -Fc                                   vs  dkbm backup <file>            (DATABASE_URL)
//     pg_restore into a new, empty database         vs  dkbm restore <file> into a new, empty database
//                                                       (the CLI applies the migrations first)
//     ratio = our time / theirs (goal ≤ 2); both restored databases are checked (row count, sum of values).
//   PGlite: the same generator with --pglite-indicators (default 4: 1 million observations) in a data
//     folder, then dkbm backup and dkbm restore into an empty folder.
//   Wall time and peak resident memory of every command (GNU time's maximum RSS).
// Runs the TypeScript sources through `node --import tsx` for the data generation (re-executes itself).
// Usage: npm run bench -- backup [--indicators 40] [--areas 400] [--years 25] [--pglite-indicators 4]
//   [--engines=postgres,pglite]. PostgreSQL: TEST_DATABASE_URL, else a running or freshly started
//   scripts/pg-test-server.sh; pg_dump / pg_restore from PATH or /usr/lib/postgresql/<major>/bin.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { arg, banner, serverSrc, underTsx, generateScaleData, postgresUrl, root, say } from './lib.mjs';

underTsx(import.meta.url);

const src = serverSrc;
const { default: pg } = await import('pg');
const { openDatabase, runMigrations } = await import(src('platform/db/client.ts'));

const scale = {
  areas: Number(arg('areas', 400)),
  indicators: Number(arg('indicators', 40)),
  years: Number(arg('years', 25)),
};
const pgliteIndicators = Number(arg('pglite-indicators', 4));
const engines = String(arg('engines', 'postgres,pglite')).split(',');
const cliJs = path.join(root, 'apps/server/dist/cli.js');
const gnuTime = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dkbm-bench-backup-'));
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Run a command; resolves with wall time (s), peak resident memory (MB, GNU time) and its output. */
function measured(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const timeOut = path.join(work, `time-${crypto.randomBytes(4).toString('hex')}.txt`);
    const [cmd, argv] = gnuTime ? [gnuTime, ['-f', '%M', '-o', timeOut, command, ...args]] : [command, args];
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
      if (code !== 0)
        reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${out.slice(-2000)}`));
      else resolve({ s, peak, out });
    });
  });
}

/** pg_dump / pg_restore of the server's major version. */
function pgTool(name, major) {
  const dir = `/usr/lib/postgresql/${major}/bin`;
  return fs.existsSync(path.join(dir, name)) ? path.join(dir, name) : name;
}

const line = (label, r) =>
  `  ${label.padEnd(58)} ${r.s.toFixed(1).padStart(7)} s   peak RSS ${r.peak.toFixed(0).padStart(5)} MB`;

async function checksum(database) {
  const [r] = await database.query(
    `SELECT count(*)::bigint AS n, coalesce(sum(value), 0)::text AS total FROM observations`,
  );
  return `${r.n} rows, sum ${r.total}`;
}

async function benchPostgres() {
  const pgInfo = await postgresUrl();
  if (!pgInfo) {
    banner(
      'ÜBERSPRUNGEN / SKIPPED backup on PostgreSQL: no TEST_DATABASE_URL and no server could be started',
    );
    return;
  }
  const { url: admin, started } = pgInfo;
  const names = [];
  const dbUrl = (name) => {
    const u = new URL(admin);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const adminQuery = async (text) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      return (await c.query(text)).rows;
    } finally {
      await c.end();
    }
  };
  const newDatabase = async () => {
    const name = `dkbm_bench_${crypto.randomBytes(5).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    names.push(name);
    return dbUrl(name);
  };
  try {
    const source = await newDatabase();
    const database = await openDatabase({ databaseUrl: source, poolSize: 2 });
    let sourceSum;
    let major;
    try {
      await runMigrations(database);
      const [v] = await database.query(`SHOW server_version`);
      major = v.server_version.split('.')[0];
      say(`backup on PostgreSQL ${v.server_version} (${new URL(admin).host})`);
      await generateScaleData((text, params) => database.query(text, params), scale);
      await database.query('CHECKPOINT');
      sourceSum = await checksum(database);
      const [size] = await database.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`);
      say(`  source: ${sourceSum}; database size ${size.s}`);
    } finally {
      await database.close();
    }

    const dump = path.join(work, 'pg.dump');
    const ours = path.join(work, 'ours.dkbm.gz');
    const scratch = fs.mkdtempSync(path.join(work, 'cli-'));
    const cliEnv = (url) => ({ DATABASE_URL: url, DATA_DIR: scratch });
    const results = {};
    results.pgDump = await measured(pgTool('pg_dump', major), ['-Fc', '-f', dump, `--dbname=${source}`]);
    results.ourBackup = await measured(process.execPath, [cliJs, 'backup', ours], cliEnv(source));
    const theirTarget = await newDatabase();
    results.pgRestore = await measured(pgTool('pg_restore', major), [
      '--no-owner',
      `--dbname=${theirTarget}`,
      dump,
    ]);
    const ourTarget = await newDatabase();
    results.ourRestore = await measured(process.execPath, [cliJs, 'restore', ours], cliEnv(ourTarget));

    for (const [label, url] of [
      ['pg_restore', theirTarget],
      ['dkbm restore', ourTarget],
    ]) {
      const d = await openDatabase({ databaseUrl: url, poolSize: 1 });
      try {
        const sum = await checksum(d);
        if (sum !== sourceSum) throw new Error(`${label}: ${sum}, source ${sourceSum}`);
      } finally {
        await d.close();
      }
    }
    say(`  both restored databases: ${sourceSum} (as the source)`);
    say(line(`pg_dump -Fc (${mb(fs.statSync(dump).size)})`, results.pgDump));
    say(line(`dkbm backup (${mb(fs.statSync(ours).size)})`, results.ourBackup));
    say(line('pg_restore into an empty database', results.pgRestore));
    say(line('dkbm restore into an empty database (incl. migrations)', results.ourRestore));
    const rb = results.ourBackup.s / results.pgDump.s;
    const rr = results.ourRestore.s / results.pgRestore.s;
    say(
      `  ratio backup ${rb.toFixed(2)} ${rb <= 2 ? 'ok' : 'MISSED'}, restore ${rr.toFixed(2)} ${rr <= 2 ? 'ok' : 'MISSED'} (goal ≤ 2; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
    );
  } finally {
    for (const n of names) await adminQuery(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
    if (started) execFileSync(path.join(root, 'scripts/pg-test-server.sh'), ['stop']);
  }
}

async function benchPglite() {
  const sourceDir = path.join(work, 'pglite-source');
  const database = await openDatabase({ pgliteDir: path.join(sourceDir, 'pgdata') });
  let sourceSum;
  try {
    await runMigrations(database);
    say(`\nbackup on PGlite (data folder ${sourceDir})`);
    await generateScaleData((text, params) => database.query(text, params), {
      ...scale,
      indicators: pgliteIndicators,
    });
    await database.query('CHECKPOINT');
    sourceSum = await checksum(database);
    say(`  source: ${sourceSum}`);
  } finally {
    await database.close();
  }
  const file = path.join(work, 'pglite.dkbm.gz');
  const targetDir = path.join(work, 'pglite-target');
  const backup = await measured(process.execPath, [cliJs, 'backup', file], {
    DATA_DIR: sourceDir,
    DATABASE_URL: '',
  });
  const restore = await measured(process.execPath, [cliJs, 'restore', file], {
    DATA_DIR: targetDir,
    DATABASE_URL: '',
  });
  const migrateOnly = await measured(process.execPath, [cliJs, 'migrate'], {
    DATA_DIR: path.join(work, 'pglite-empty'),
    DATABASE_URL: '',
  });
  const restored = await openDatabase({ pgliteDir: path.join(targetDir, 'pgdata') });
  try {
    const sum = await checksum(restored);
    if (sum !== sourceSum) throw new Error(`PGlite restore: ${sum}, source ${sourceSum}`);
  } finally {
    await restored.close();
  }
  const rows = Number(sourceSum.split(' ')[0]);
  say(`  restored folder: ${sourceSum} (as the source)`);
  say(
    line(
      `dkbm backup (${mb(fs.statSync(file).size)}), ${Math.round(rows / backup.s).toLocaleString('en-US')} rows/s`,
      backup,
    ),
  );
  say(
    line(
      `dkbm restore into an empty folder, ${Math.round(rows / restore.s).toLocaleString('en-US')} rows/s`,
      restore,
    ),
  );
  say(line('baseline: dkbm migrate of an empty folder', migrateOnly));
}

try {
  if (engines.includes('postgres')) await benchPostgres();
  if (engines.includes('pglite')) await benchPglite();
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
