// Shared helpers of the benchmarks: options, ports, process memory, the PostgreSQL to measure on, output.
// Benchmarks print their report to standard output (it is their result, not a log).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Benchmarks that load the TypeScript sources re-execute themselves under `node --import tsx`: call at
 * the top with `import.meta.url`; returns in the re-executed process, exits in the first one.
 */
export function underTsx(moduleUrl) {
  if (process.argv.includes('--under-tsx')) return;
  const self = fileURLToPath(moduleUrl);
  const raw = new URL('./rawImports.mjs', import.meta.url).href;
  const args = ['--import', 'tsx', '--import', raw, self, ...process.argv.slice(2), '--under-tsx'];
  const r = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}

/** file:// URL of a server source module (for `await import(…)` under tsx). */
export const serverSrc = (p) => pathToFileURL(path.join(root, 'apps/server/src', p)).href;

/** Print report lines. */
export function say(...lines) {
  process.stdout.write(lines.join(' ') + '\n');
}

/** A notice nobody can overlook (a skipped part, a missed precondition). */
export function banner(text) {
  const line = '!'.repeat(Math.min(100, text.length + 8));
  say(`\n${line}\n!!! ${text} !!!\n${line}\n`);
}

/**
 * `--name value` or `--name=value` (through `npm run bench`, use `--name=value` for values that are not
 * numbers: scripts/bench.mjs takes other bare words for benchmark names).
 */
export function arg(name, dflt) {
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (eq) return eq.slice(name.length + 3);
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
}

export const freePort = () =>
  new Promise((res) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });

/** A memory figure of a live process from /proc (VmRSS now, VmHWM peak so far), in MB; 0 once it has gone. */
export function procMb(pid, field = 'VmRSS') {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)[1]) / 1024;
  } catch {
    return 0;
  }
}

/**
 * The PostgreSQL to measure on: TEST_DATABASE_URL, else a server already listening on PG_TEST_PORT
 * (54329), else one started with scripts/pg-test-server.sh (`started: true`); null when none is available.
 */
export async function postgresUrl() {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, started: false };
  const { default: pg } = await import('pg');
  const port = process.env.PG_TEST_PORT ?? '54329';
  const candidate = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const c = new pg.Client({ connectionString: candidate, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return { url: candidate, started: false };
  } catch {
    // not running: start the throw-away server below
  }
  try {
    const out = execFileSync(path.join(root, 'scripts/pg-test-server.sh'), ['start'], { encoding: 'utf8' });
    const url = /TEST_DATABASE_URL=(\S+)/.exec(out)?.[1];
    return url ? { url, started: true } : null;
  } catch {
    return null;
  }
}

/** Dimension values per dimension of the generated indicators (5 × 5 = 25 combinations per indicator). */
export const SCALE_DIM_A = 5;
export const SCALE_DIM_B = 5;

/**
 * Generate the `scale` data set set-wise in SQL into a migrated database (production schema with all
 * indexes and the foreign keys): tenant `bench`, `areas` Kreise, `indicators` indicators × 25 dimension
 * combinations, `years` years; ANALYZE; prints progress and sizes. `q(text, params)` returns rows.
 * Returns the tenant id and the number of observations.
 */
export async function generateScaleData(q, { areas: nAreas, indicators: nIndicators, years: nYears }) {
  const DIM_A = SCALE_DIM_A;
  const DIM_B = SCALE_DIM_B;
  const total = nIndicators * DIM_A * DIM_B * nAreas * nYears;
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
            count(DISTINCT value) AS distinct_values FROM observations WHERE tenant_id = $1`,
    [tid],
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
  return { tid, total };
}
