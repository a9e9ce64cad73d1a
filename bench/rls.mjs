// Benchmark: the cost of PostgreSQL row-level security (issue 10, item 9; ADR 0016) on the queries behind
// the api benchmark's requests. The same service calls the routes make (internalObservations for the map
// slice and the time series of GET …/indicators/:id/observations, listIndicators for GET …/indicators)
// run, interleaved and in the same process, in three ways:
//   plain — the tenant scope on the pool, as every request runs today (baseline)
//   tx    — the same inside one transaction per call (what a per-request transaction costs by itself)
//   rls   — withRowLevelSecurity: one transaction per call with set_config('app.tenant_id', …, true),
//           SET LOCAL ROLE dkbm_tenant, and the policies on every tenant table
// Sequential latency (p50/p95 of --queries calls each) and, on PostgreSQL, throughput with
// --connections concurrent callers on the server's pool size (10). Data: the `scale` generator twice
// (--areas × 25 dimension combinations × --indicators × --years each), for the tenant measured and for
// another one whose rows (half of every table) the filters and the policies have to leave out.
// Runs the TypeScript sources through `node --import tsx` (re-executes itself).
// Usage: npm run bench -- rls [--queries 300] [--areas 100] [--indicators 8] [--years 10]
//        [--connections 32] [--duration 3] [--engines=pglite,postgres]
import crypto from 'node:crypto';
import os from 'node:os';
import { arg, banner, generateScaleData, postgresUrl, say, serverSrc, underTsx } from './lib.mjs';

underTsx(import.meta.url);

const nQueries = Number(arg('queries', 300));
const nAreas = Number(arg('areas', 100));
const nIndicators = Number(arg('indicators', 8));
const nYears = Number(arg('years', 10));
const connections = Number(arg('connections', 32));
const duration = Number(arg('duration', 3));
const engines = String(arg('engines', 'pglite,postgres')).split(',');

const { default: pg } = await import('pg');
const { eq } = await import('drizzle-orm');
const { openDatabase, runMigrations } = await import(serverSrc('platform/db/client.ts'));
const { indicators: indicatorsTable } = await import(serverSrc('platform/db/schema.ts'));
const { tenantScope } = await import(serverSrc('platform/tenancy/scope.ts'));
const { enableRowLevelSecurity, withRowLevelSecurity } = await import(serverSrc('platform/tenancy/rls.ts'));
const { internalObservations } = await import(serverSrc('modules/monitoring/observations.service.ts'));
const { listIndicators } = await import(serverSrc('modules/monitoring/catalog.service.ts'));

const quantile = (xs, q) => {
  const s = xs.toSorted((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x) => x.toFixed(2).padStart(7);

async function adminQuery(admin, q) {
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    return (await c.query(q)).rows;
  } finally {
    await c.end();
  }
}

async function measure(engine, database) {
  await runMigrations(database);
  const q = (text, params) => database.query(text, params);
  // A first tenant with the same data: rows the policies (and the repositories' filters) leave out.
  await generateScaleData(q, { areas: nAreas, indicators: nIndicators, years: nYears });
  await q(`UPDATE tenants SET slug = 'bench-other' WHERE slug = 'bench'`);
  const { tid, total } = await generateScaleData(q, {
    areas: nAreas,
    indicators: nIndicators,
    years: nYears,
  });
  await enableRowLevelSecurity(database);
  const [{ n: allRows }] = await q(`SELECT count(*)::int AS n FROM observations`);
  say(
    `  ${engine}: ${total.toLocaleString('en-US')} observations of tenant bench, ${allRows.toLocaleString('en-US')} in all; policies on`,
    `${(await q(`SELECT count(*)::int AS n FROM pg_policies WHERE policyname = 'tenant_isolation'`))[0].n} tables`,
  );

  const indRows = await database.db.select().from(indicatorsTable).where(eq(indicatorsTable.tenantId, tid));
  const seriesRows = await q(`SELECT id, indicator_id, dims FROM series WHERE tenant_id = $1`, [tid]);
  const areaRows = await q(`SELECT id FROM areas WHERE tenant_id = $1`, [tid]);
  const indById = new Map(indRows.map((r) => [r.id, r]));
  const years = Array.from({ length: nYears }, (_, y) => `${2000 + y}-12-31`);
  const pick = (xs) => xs[Math.floor(Math.random() * xs.length)];
  const cell = () => {
    const s = pick(seriesRows);
    return { s, ind: indById.get(s.indicator_id), area: pick(areaRows), period: pick(years) };
  };
  const check = (label, got, want) => {
    if (got !== want) throw new Error(`${label}: ${got} rows, expected ${want}`);
  };
  const kinds = {
    'map slice (internalObservations, period + dims)': async (s, c) =>
      check(
        'map',
        (await internalObservations(s, c.ind, { periods: [c.period], dims: c.s.dims })).length,
        nAreas,
      ),
    'time series (internalObservations, area + dims)': async (s, c) =>
      check(
        'ts',
        (await internalObservations(s, c.ind, { areaIds: [c.area.id], dims: c.s.dims })).length,
        nYears,
      ),
    'indicator list (listIndicators)': async (s) =>
      check('list', (await listIndicators(s, {})).length, nIndicators),
  };
  const variants = {
    plain: (work) => work(tenantScope(database.db, tid)),
    tx: (work) => database.db.transaction((tx) => work(tenantScope(tx, tid))),
    rls: (work) => withRowLevelSecurity(database.db, tid, work),
  };

  // Warm up every path once, then interleave: per query the three variants in rotating order.
  for (const k of Object.values(kinds)) for (const v of Object.values(variants)) await v((s) => k(s, cell()));
  const results = [];
  for (const [kind, run] of Object.entries(kinds)) {
    const times = { plain: [], tx: [], rls: [] };
    const names = Object.keys(variants);
    for (let i = 0; i < nQueries; i++) {
      const c = cell();
      for (let j = 0; j < names.length; j++) {
        const name = names[(i + j) % names.length];
        const t0 = performance.now();
        await variants[name]((s) => run(s, c));
        times[name].push(performance.now() - t0);
      }
    }
    const p50 = Object.fromEntries(names.map((n) => [n, quantile(times[n], 0.5)]));
    const p95 = Object.fromEntries(names.map((n) => [n, quantile(times[n], 0.95)]));
    results.push({ engine, kind, p50, p95 });
    say(
      `    ${kind.padEnd(50)} p50 plain ${ms(p50.plain)} ms  tx ${ms(p50.tx)} ms  rls ${ms(p50.rls)} ms` +
        `  | p95 plain ${ms(p95.plain)}  tx ${ms(p95.tx)}  rls ${ms(p95.rls)}` +
        `  | ratio plain/rls ${(p50.plain / p50.rls).toFixed(2)}, tx/rls ${(p50.tx / p50.rls).toFixed(2)}`,
    );
  }

  // Throughput: `connections` callers in a loop for `duration` s per variant (map slice), one after the other.
  const rps = {};
  for (const name of Object.keys(variants)) {
    let done = 0;
    const end = performance.now() + duration * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (performance.now() < end) {
          const c = cell();
          await variants[name]((s) => kinds['map slice (internalObservations, period + dims)'](s, c));
          done++;
        }
      }),
    );
    rps[name] = done / duration;
  }
  say(
    `    map slice, ${connections} concurrent callers: plain ${rps.plain.toFixed(0)}/s, tx ${rps.tx.toFixed(0)}/s,` +
      ` rls ${rps.rls.toFixed(0)}/s; ratio rls/plain ${(rps.rls / rps.plain).toFixed(2)}, rls/tx ${(rps.rls / rps.tx).toFixed(2)}`,
  );
  return { results, rps };
}

say(
  `rls: ${os.cpus().length} CPUs, load ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}; ${nQueries} queries per kind and variant`,
);
for (const engine of engines) {
  if (engine === 'pglite') {
    const database = await openDatabase({});
    try {
      await measure('PGlite', database);
    } finally {
      await database.close();
    }
  } else if (engine === 'postgres') {
    const info = await postgresUrl();
    if (!info) {
      banner('ÜBERSPRUNGEN / SKIPPED rls on PostgreSQL: no TEST_DATABASE_URL and no server could be started');
      continue;
    }
    const name = `dkbm_bench_${crypto.randomBytes(5).toString('hex')}`;
    const u = new URL(info.url);
    u.pathname = `/${name}`;
    await adminQuery(info.url, `CREATE DATABASE ${name}`);
    const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 10 });
    try {
      const [{ server_version: v }] = await database.query('SHOW server_version');
      say(`  PostgreSQL ${v} (${u.host}, database ${name}, pool 10)`);
      await measure('PostgreSQL', database);
    } finally {
      await database.close();
      await adminQuery(info.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  }
}
