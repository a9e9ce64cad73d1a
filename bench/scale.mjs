// Benchmark: reads at scale on PostgreSQL. Generates 10 million observations set-wise in SQL
// (400 Kreise × 25 years × 1,000 series = 40 indicators × 25 dimension combinations) into the
// production schema (migrations applied; primary key, area index and series foreign key in place
// while loading), ANALYZE, then times ≥ 200 random queries of each kind, interleaved:
//   map slice    – one series, one period, all 400 areas (the real internalObservations with
//                  periods + dims, as GET …/observations runs it; and the bare SQL); for information also
//                  the map page's actual request (period + level, all 25 combinations = 10,000 rows)
//   time series  – one series, one area, all 25 periods (internalObservations with areas + dims; bare SQL)
//   baseline     – a primary-key lookup of a single row of the same table, in the same run.
// Runs the TypeScript sources through `node --import tsx` (re-executes itself).
// Usage: npm run bench -- scale [--queries 200] [--areas 400] [--indicators 40] [--years 25] [--explain]
//   PostgreSQL: TEST_DATABASE_URL, else a running or freshly started scripts/pg-test-server.sh.
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  arg,
  banner,
  serverSrc,
  underTsx,
  generateScaleData,
  postgresUrl,
  root,
  say,
  SCALE_DIM_A,
  SCALE_DIM_B,
} from './lib.mjs';

underTsx(import.meta.url);

const src = serverSrc;
const { default: pg } = await import('pg');

async function adminQuery(admin, q) {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    return (await c.query(q)).rows;
  } finally {
    await c.end();
  }
}

const nAreas = Number(arg('areas', 400));
const nIndicators = Number(arg('indicators', 40));
const nYears = Number(arg('years', 25));
const nQueries = Number(arg('queries', 200));
const DIM_A = SCALE_DIM_A;
const DIM_B = SCALE_DIM_B;
const nSeries = nIndicators * DIM_A * DIM_B;
const total = nSeries * nAreas * nYears;

const pgInfo = await postgresUrl();
if (!pgInfo) {
  banner('ÜBERSPRUNGEN / SKIPPED scale: no TEST_DATABASE_URL and no PostgreSQL server could be started');
  process.exit(0);
}
const { url: admin, started } = pgInfo;
const name = `dkbm_bench_${crypto.randomBytes(5).toString('hex')}`;
const u = new URL(admin);
u.pathname = `/${name}`;
const { openDatabase, runMigrations } = await import(src('platform/db/client.ts'));
const { internalObservations } = await import(src('modules/monitoring/observations.service.ts'));
const { tenantScope } = await import(src('platform/tenancy/scope.ts'));
const { indicators: indicatorsTable } = await import(src('platform/db/schema.ts'));
const { eq } = await import('drizzle-orm');

await adminQuery(admin, `CREATE DATABASE ${name}`);
let database;
try {
  database = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
  await runMigrations(database);
  const q = (text, params) => database.query(text, params);
  say(
    `scale on PostgreSQL (${u.host}, database ${name}); ${nAreas} Kreise × ${nYears} years × ${nSeries} series (${nIndicators} indicators × ${DIM_A * DIM_B} dimension combinations) = ${total.toLocaleString('en-US')} observations`,
  );
  const version = (await q(`SHOW server_version`))[0].server_version;
  const settings = await q(
    `SELECT name, setting FROM pg_settings WHERE name IN ('shared_buffers','fsync','synchronous_commit','work_mem') ORDER BY name`,
  );
  say(`  server ${version}; ${settings.map((s) => `${s.name}=${s.setting}`).join(', ')}`);

  const { tid } = await generateScaleData(q, { areas: nAreas, indicators: nIndicators, years: nYears });
  const scope = tenantScope(database.db, tid);

  /* ---------- queries ---------- */
  const indRows = await database.db.select().from(indicatorsTable).where(eq(indicatorsTable.tenantId, tid));
  const seriesRows = await q(`SELECT id, indicator_id, dims FROM series WHERE tenant_id = $1`, [tid]);
  const areaRows = await q(`SELECT id, code FROM areas WHERE tenant_id = $1`, [tid]);
  const indById = new Map(indRows.map((r) => [r.id, r]));
  const years = Array.from({ length: nYears }, (_, y) => `${2000 + y}-12-31`);
  const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
  const randomCell = () => {
    const s = pick(seriesRows);
    return { s, ind: indById.get(s.indicator_id), area: pick(areaRows), period: pick(years) };
  };
  const expect = (label, got, want) => {
    if (got !== want) throw new Error(`${label}: ${got} rows, expected ${want}`);
  };
  const kinds = {
    'map slice, internalObservations (periods + dims)': async (c) =>
      expect(
        'map slice',
        (await internalObservations(scope, c.ind, { periods: [c.period], dims: c.s.dims })).length,
        nAreas,
      ),
    'map slice, bare SQL (series, period; join areas)': async (c) =>
      expect(
        'map slice sql',
        (
          await q(
            `SELECT o.area_id, a.code, o.value::text AS value, o.flag
               FROM observations o JOIN areas a ON a.id = o.area_id
              WHERE o.series_id = $1 AND o.period = $2`,
            [c.s.id, c.period],
          )
        ).length,
        nAreas,
      ),
    // What the workbench map page actually requests (IndicatorPage: periods + level, no dims filter; it
    // derives the available dimension values from the answer): every combination of the period.
    'map page request (period + level, all 25 combinations)': async (c) =>
      expect(
        'map page',
        (await internalObservations(scope, c.ind, { periods: [c.period], level: 'kreis' })).length,
        nAreas * DIM_A * DIM_B,
      ),
    'time series, internalObservations (areas + dims)': async (c) =>
      expect(
        'time series',
        (await internalObservations(scope, c.ind, { areaIds: [c.area.id], dims: c.s.dims })).length,
        nYears,
      ),
    'time series, bare SQL (series, area)': async (c) =>
      expect(
        'time series sql',
        (
          await q(
            `SELECT period::text AS period, value::text AS value, flag FROM observations
              WHERE series_id = $1 AND area_id = $2 ORDER BY period`,
            [c.s.id, c.area.id],
          )
        ).length,
        nYears,
      ),
    'round trip: SELECT 1': async () => expect('select 1', (await q(`SELECT 1 AS one`)).length, 1),
    'baseline: primary-key lookup of one row': async (c) =>
      expect(
        'pk',
        (
          await q(
            `SELECT value::text AS value, flag FROM observations
              WHERE series_id = $1 AND area_id = $2 AND period = $3`,
            [c.s.id, c.area.id, c.period],
          )
        ).length,
        1,
      ),
  };
  const names = Object.keys(kinds);
  const times = new Map(names.map((n) => [n, []]));
  const warmup = 20;
  for (let i = 0; i < warmup + nQueries; i++) {
    // Interleaved in random order, so that load from other processes hits every kind alike.
    for (const n of names.toSorted(() => Math.random() - 0.5)) {
      const c = randomCell();
      const t0 = performance.now();
      await kinds[n](c);
      if (i >= warmup) times.get(n).push(performance.now() - t0);
    }
  }
  const pct = (xs, p) => {
    const s = xs.toSorted((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  };
  const baseName = 'baseline: primary-key lookup of one row';
  const base = times.get(baseName);
  const b50 = pct(base, 50);
  const b95 = pct(base, 95);
  say(
    `\n  ${nQueries} random queries per kind after ${warmup} warm-up (client wall time incl. round trip; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores), ms:`,
  );
  say(`  ${'query'.padEnd(56)}   p50     p95     p99   ratio p50 / p95 to the primary-key lookup`);
  const stats = {};
  for (const n of names) {
    const xs = times.get(n);
    stats[n] = { p50: pct(xs, 50), p95: pct(xs, 95), p99: pct(xs, 99) };
    const s = stats[n];
    say(
      `  ${n.padEnd(56)} ${s.p50.toFixed(2).padStart(6)}  ${s.p95.toFixed(2).padStart(6)}  ${s.p99.toFixed(2).padStart(6)}   ${(s.p50 / b50).toFixed(1)}× / ${(s.p95 / b95).toFixed(1)}×`,
    );
  }
  const mapP95 = stats['map slice, internalObservations (periods + dims)'].p95;
  const tsP95 = stats['time series, internalObservations (areas + dims)'].p95;
  say(
    `\n  goals: map slice p95 < 50 ms: ${mapP95.toFixed(1)} ms ${mapP95 < 50 ? 'ok' : 'MISSED'}; ` +
      `time series p95 < 20 ms: ${tsP95.toFixed(1)} ms ${tsP95 < 20 ? 'ok' : 'MISSED'} (internalObservations)`,
  );

  if (process.argv.includes('--explain')) {
    // The SQL of queryObservations (observations.service.ts) with the filters of each kind.
    const c = randomCell();
    const sqlOf = (cond) =>
      `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
       SELECT o.area_id, a.code AS area_code, o.period::text AS period, s.dims, s.dims_key, o.value::text AS value, o.flag
         FROM observations o JOIN series s ON s.id = o.series_id JOIN areas a ON a.id = o.area_id
        WHERE s.tenant_id = $1 AND s.indicator_id = $2 AND ${cond} AND s.dims @> $4::jsonb
        ORDER BY o.period, a.code, s.dims_key`;
    for (const [label, cond, value] of [
      ['map slice', 'o.period IN ($3::date)', c.period],
      ['time series', 'o.area_id IN ($3::uuid)', c.area.id],
    ]) {
      const plan = await q(sqlOf(cond), [tid, c.ind.id, value, JSON.stringify(c.s.dims)]);
      say(`\n  EXPLAIN ANALYZE of the ${label} query of internalObservations:`);
      for (const r of plan) say(`    ${r['QUERY PLAN']}`);
    }
  }
} finally {
  await database?.close();
  await adminQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  if (started) execFileSync(path.join(root, 'scripts/pg-test-server.sh'), ['stop']);
}
