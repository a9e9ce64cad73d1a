// Benchmark: the entitlement plan (issue 15) for 400 planning units × 10 school years × 3 scenarios.
//   ours:     planEntitlement of @dkbm/domain (exact decimals, day-exact cohorts by Stichtag, deferral,
//             Ganztag phase-in and Kita U3/Ü3 rows, city totals) — what every GET …/entitlement/plan runs
//   baseline: the same plan's core arithmetic as one plain SQL statement on PGlite (whole birth years,
//             phase-in, demand = children × share, places, gap, status by CASE; no Stichtag fractions, no
//             deferral, no Kita rows), in the same process on the same generated data
// Usage: npm run bench -- entitlement [--units=400] [--runs=5]
import os from 'node:os';
import { arg, say, underTsx } from './lib.mjs';

underTsx(import.meta.url);

const { planEntitlement } = await import('@dkbm/domain');
const { PGlite } = await import('@electric-sql/pglite');

const UNITS = Number(arg('units') ?? 400);
const RUNS = Number(arg('runs') ?? 5);
const YEARS = Array.from({ length: 10 }, (_, i) => 2026 + i);
const SHARES = ['0.7', '0.8', '0.9'];

// Deterministic data: children per single year of age 0–10 and places per unit.
let seed = 12345;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const units = Array.from({ length: UNITS }, (_, i) => ({
  id: `u${String(i).padStart(3, '0')}`,
  byAge: Object.fromEntries(
    Array.from({ length: 11 }, (_age, a) => [a, String(40 + Math.floor(rnd() * 60))]),
  ),
  ganztag: String(80 + Math.floor(rnd() * 150)),
  kita: String(150 + Math.floor(rnd() * 150)),
}));
const input = {
  schoolYears: YEARS,
  population: units.map((u) => ({ planningUnitId: u.id, referenceDate: '2024-12-31', byAge: u.byAge })),
  cohort: { schoolEntry: { cutoff: '09-30' }, corrections: { deferralShare: '0.05' } },
  scenarios: SHARES.map((s) => ({
    name: `Bedarf ${s}`,
    ganztagShare: s,
    kitaU3Rate: '0.5',
    kitaUe3Rate: '0.95',
  })),
  capacities: units.flatMap((u) => [
    { planningUnitId: u.id, type: 'offene_ganztagsschule', places: u.ganztag },
    { planningUnitId: u.id, type: 'kita', places: u.kita },
  ]),
};

const median = (xs) => xs.toSorted((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn) {
  const ms = [];
  let out;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    out = await fn();
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), out };
}

const ours = await time(() => planEntitlement(input));

const db = new PGlite();
await db.exec(`CREATE TABLE pop (unit text, age int, n numeric);
               CREATE TABLE places (unit text, places numeric);
               CREATE TABLE scen (name text, share numeric);`);
await db.query(
  `INSERT INTO pop SELECT u, a::int, n::numeric FROM json_to_recordset($1::json) AS x(u text, a text, n text)`,
  [JSON.stringify(units.flatMap((u) => Object.entries(u.byAge).map(([a, n]) => ({ u: u.id, a, n }))))],
);
await db.query(
  `INSERT INTO places SELECT u, p::numeric FROM json_to_recordset($1::json) AS x(u text, p text)`,
  [JSON.stringify(units.map((u) => ({ u: u.id, p: u.ganztag })))],
);
await db.query(
  `INSERT INTO scen SELECT n, s::numeric FROM json_to_recordset($1::json) AS x(n text, s text)`,
  [JSON.stringify(SHARES.map((s) => ({ n: `Bedarf ${s}`, s })))],
);
// Grade g in school year y = children aged (y − 2024) + 5 + g − 1 … on 31.12.2024, whole years; entitled
// grades 1 … min(4, y − 2025); children born after the reference date: the youngest age group.
const SQL = `
WITH years AS (SELECT generate_series(2026, 2035) AS y),
grades AS (SELECT y, g, g <= LEAST(4, y - 2025) AS entitled FROM years, generate_series(1, 4) AS g),
kids AS (
  SELECT p.unit, gr.y, gr.entitled, sum(p.n) AS n
    FROM grades gr JOIN pop p ON p.age = GREATEST(0, 5 + gr.g - (gr.y - 2024))
   GROUP BY p.unit, gr.y, gr.entitled),
per AS (
  SELECT s.name, k.unit, k.y,
         sum(k.n) FILTER (WHERE k.entitled) AS entitled,
         sum(k.n * s.share) AS demand
    FROM kids k CROSS JOIN scen s GROUP BY s.name, k.unit, k.y)
SELECT per.name, per.unit, per.y, per.entitled, round(per.demand, 2) AS demand, pl.places,
       round(per.demand - pl.places, 2) AS gap,
       CASE WHEN pl.places < per.demand THEN 'shortfall'
            WHEN pl.places < per.demand * 1.05 THEN 'tight' ELSE 'covered' END AS status
  FROM per JOIN places pl USING (unit)`;
const sqlRun = await time(async () => (await db.query(SQL)).rows);
await db.close();

const ganztagRows = ours.out.rows.filter((r) => r.scope === 'ganztag').length;
say(
  `Rechtsanspruch: ${UNITS} Planungseinheiten × ${YEARS.length} Schuljahre × ${SHARES.length} Szenarien; ` +
    `Median aus ${RUNS} Läufen; load average ${os.loadavg()[0].toFixed(1)}`,
);
say('| Rechnung | Zeilen | ms |');
say('|---|---:|---:|');
say(
  `| planEntitlement (Ganztag + Kita, mit Summen) | ${ours.out.rows.length + ours.out.totals.length} | ${ours.ms.toFixed(0)} |`,
);
say(`| davon Ganztag-Zeilen | ${ganztagRows} | – |`);
say(
  `| plain SQL auf PGlite (nur Ganztag, ganze Jahrgänge) | ${sqlRun.out.length} | ${sqlRun.ms.toFixed(0)} |`,
);
say(`Verhältnis planEntitlement / SQL: ${(ours.ms / sqlRun.ms).toFixed(1)}`);
