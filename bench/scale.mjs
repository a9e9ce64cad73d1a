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
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { arg, banner, postgresUrl, root, say } from './lib.mjs';

const self = fileURLToPath(import.meta.url);

if (!process.argv.includes('--under-tsx')) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, ...process.argv.slice(2), '--under-tsx'], {
    cwd: root,
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}

const src = (p) => pathToFileURL(path.join(root, 'apps/server/src', p)).href;
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
const DIM_A = 5;
const DIM_B = 5; // 5 × 5 = 25 dimension combinations per indicator
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

  /* ---------- generation (set-wise SQL, production schema with all indexes and the FK) ---------- */
  const tGen = performance.now();
  const [tenant] = await q(
    `INSERT INTO tenants (slug, name, type) VALUES ('bench', 'Benchmark', 'landkreis') RETURNING id`,
  );
  const tid = tenant.id;
  await q(
    `INSERT INTO areas (tenant_id, level, code, name)
     SELECT $1, 'kreis', lpad((1000 + i * 7)::text, 5, '0'), 'Kreis ' || i FROM generate_series(1, $2) i`,
    [tid, nAreas],
  );
  await q(
    `INSERT INTO indicators (tenant_id, code, name_de, unit, topic)
     SELECT $1, 'ind_' || lpad(i::text, 3, '0'), 'Indikator ' || i, 'Anzahl', 'grundinformationen'
       FROM generate_series(1, $2) i`,
    [tid, nIndicators],
  );
  for (const [code, n] of [
    ['merkmal_a', DIM_A],
    ['merkmal_b', DIM_B],
  ]) {
    await q(
      `WITH d AS (INSERT INTO dimensions (tenant_id, code, name_de) VALUES ($1, $2, $2) RETURNING id)
       INSERT INTO dimension_values (tenant_id, dimension_id, code, label_de, is_total, sort_order)
       SELECT $1, d.id, $2 || '_' || v, 'Wert ' || v, v = 1, v FROM d, generate_series(1, $3) v`,
      [tid, code, n],
    );
    await q(
      `INSERT INTO indicator_dimensions (tenant_id, indicator_id, dimension_id, position)
       SELECT $1, i.id, d.id, CASE WHEN d.code = 'merkmal_a' THEN 0 ELSE 1 END
         FROM indicators i, dimensions d WHERE i.tenant_id = $1 AND d.tenant_id = $1 AND d.code = $2`,
      [tid, code],
    );
  }
  await q(
    `INSERT INTO series (tenant_id, indicator_id, dims, dims_key)
     SELECT $1, i.id, jsonb_build_object('merkmal_a', 'merkmal_a_' || a, 'merkmal_b', 'merkmal_b_' || b),
            'merkmal_a=merkmal_a_' || a || ';merkmal_b=merkmal_b_' || b
       FROM indicators i, generate_series(1, $2) a, generate_series(1, $3) b
      WHERE i.tenant_id = $1 ORDER BY i.code, a, b`,
    [tid, DIM_A, DIM_B],
  );
  // One statement per indicator (like one import of a statistics table): every series × area × year;
  // about 1 % of the cells carry an official sign instead of a value. random() sits in the target list of
  // the inner SELECT (evaluated per row; an uncorrelated LATERAL subquery would be evaluated only once).
  const inds = await q(`SELECT id, code FROM indicators WHERE tenant_id = $1 ORDER BY code`, [tid]);
  let lastPrint = performance.now();
  for (const [i, ind] of inds.entries()) {
    await q(
      `INSERT INTO observations (tenant_id, series_id, area_id, period, value, flag)
       SELECT $1, series_id, area_id, make_date(2000 + y, 12, 31),
              CASE WHEN r < 0.01 THEN NULL ELSE round((r * 100000)::numeric, 1) END,
              CASE WHEN r < 0.01 THEN '.' END
         FROM (SELECT s.id AS series_id, a.id AS area_id, y, random() AS r
                 FROM series s
                 CROSS JOIN generate_series(0, $3 - 1) y
                 CROSS JOIN areas a
                WHERE s.indicator_id = $2 AND a.tenant_id = $1) cells`,
      [tid, ind.id, nYears],
    );
    if (performance.now() - lastPrint > 30_000 || i === inds.length - 1) {
      lastPrint = performance.now();
      say(
        `  … ${((i + 1) * DIM_A * DIM_B * nAreas * nYears).toLocaleString('en-US')} rows after ${((performance.now() - tGen) / 1000).toFixed(0)} s`,
      );
    }
  }
  const tLoaded = performance.now();
  await q(`ANALYZE`);
  const tAnalyzed = performance.now();
  const genSeconds = (tAnalyzed - tGen) / 1000;
  const [count] = await q(
    `SELECT count(*)::bigint AS n, count(*) FILTER (WHERE flag IS NOT NULL)::bigint AS flagged,
            count(DISTINCT value) AS distinct_values FROM observations`,
  );
  if (Number(count.n) !== total) throw new Error(`generated ${count.n} rows, expected ${total}`);
  const [size] = await q(
    `SELECT pg_size_pretty(pg_total_relation_size('observations')) AS total,
            pg_size_pretty(pg_relation_size('observations')) AS heap,
            pg_size_pretty(pg_indexes_size('observations')) AS indexes`,
  );
  say(
    `  generation: ${genSeconds.toFixed(0)} s (${((tLoaded - tGen) / 1000).toFixed(0)} s INSERT … SELECT, ${((tAnalyzed - tLoaded) / 1000).toFixed(0)} s ANALYZE); ` +
      `${Math.round(total / ((tLoaded - tGen) / 1000)).toLocaleString('en-US')} rows/s`,
  );
  say(
    `  pg_total_relation_size('observations') = ${size.total} (heap ${size.heap}, indexes ${size.indexes}); ` +
      `${((100 * Number(count.flagged)) / total).toFixed(2)} % flagged cells, ${Number(count.distinct_values).toLocaleString('en-US')} distinct values`,
  );

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
        (await internalObservations(database.db, tid, c.ind, { periods: [c.period], dims: c.s.dims })).length,
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
        (await internalObservations(database.db, tid, c.ind, { periods: [c.period], level: 'kreis' })).length,
        nAreas * DIM_A * DIM_B,
      ),
    'time series, internalObservations (areas + dims)': async (c) =>
      expect(
        'time series',
        (await internalObservations(database.db, tid, c.ind, { areaIds: [c.area.id], dims: c.s.dims }))
          .length,
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
