// Benchmark: the committee overview („Steuerungsübersicht“, issue 11) for 50 goals / 200 targets /
// 300 recommendations on the demo municipality (PGlite, migrated, demo data; the extra goals, targets and
// recommendations are inserted with SQL, each target on one of the demo targets' series, so every target's
// progress is computed from real monitoring values).
//   ours:     overviewDocument (read everything, compute 200 progress statuses) + HTML; + PDF through the
//             shared renderer (platform/pdf.ts); + DOCX (charts rasterised)
//   baseline: Chromium printing the same finished HTML (printPdf on the string), in the same process
// ratio = ours / baseline. Median of `runs`.
// Usage: npm run bench -- steering [--goals=50] [--targets=200] [--recommendations=300] [--runs=3]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { register } from 'node:module';
import { arg, banner, say, serverSrc, underTsx } from './lib.mjs';

underTsx(import.meta.url);
// The server imports the public pages' CSS as `?raw` (a bundler feature): load it as a string here.
register(
  'data:text/javascript,' +
    encodeURIComponent(`import fs from 'node:fs';
export async function load(url, context, next) {
  if (url.startsWith('file:') && url.endsWith('.css?raw'))
    return { format: 'module', shortCircuit: true,
             source: 'export default ' + JSON.stringify(fs.readFileSync(new URL(url.slice(0, -4)), 'utf8')) };
  return next(url, context);
}`),
);

const GOALS = Number(arg('goals') ?? 50);
const TARGETS = Number(arg('targets') ?? 200);
const RECS = Number(arg('recommendations') ?? 300);
const RUNS = Number(arg('runs') ?? 3);

const { openDatabase, runMigrations } = await import(serverSrc('platform/db/client.ts'));
const { seedDemo } = await import(serverSrc('demo/seed.ts'));
const { tenantScope } = await import(serverSrc('platform/tenancy/scope.ts'));
const { overviewDocument, overviewHtml, overviewDocx } = await import(
  serverSrc('modules/steering/overview.export.ts')
);
const { printPdf, closePdfBrowser, chromiumPath } = await import(serverSrc('platform/pdf.ts'));

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
const fmt = (ms) => `${Math.round(ms).toLocaleString('en')} ms`;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dkbm-bench-steering-'));
const database = await openDatabase({ pgliteDir: dir });
try {
  await runMigrations(database);
  await seedDemo(database.db);
  const q = (sql, params = []) => database.query(sql, params);
  const [tenant] = await q(`SELECT id, name FROM tenants WHERE slug = 'musterstadt'`);
  const T = tenant.id;
  // Fill up to the wanted counts: goals (a third strategic), targets cycling over the demo targets' series,
  // recommendations in every status.
  const [{ n: goals0 }] = await q(`SELECT count(*)::int AS n FROM steering_goals WHERE tenant_id = $1`, [T]);
  const [{ n: recs0 }] = await q(
    `SELECT count(*)::int AS n FROM steering_recommendations WHERE tenant_id = $1`,
    [T],
  );
  const strategic = Math.ceil((GOALS - goals0) / 3);
  await q(
    `INSERT INTO steering_goals (tenant_id, title, owner, is_public)
     SELECT $1, 'Handlungsfeld ' || g, 'Fachbereich ' || (g % 7), false FROM generate_series(1, $2) g`,
    [T, strategic],
  );
  await q(
    `INSERT INTO steering_goals (tenant_id, parent_id, title, owner)
     SELECT $1, p.id, 'Operatives Ziel ' || g, 'Amt ' || (g % 5)
       FROM generate_series(1, $2) g
       JOIN LATERAL (SELECT id FROM steering_goals WHERE tenant_id = $1 AND parent_id IS NULL
                      ORDER BY title OFFSET (g % $3) LIMIT 1) p ON true`,
    [T, GOALS - goals0 - strategic, strategic],
  );
  await q(
    `WITH demo AS (SELECT row_number() OVER (ORDER BY created_at) - 1 AS i, * FROM steering_targets
                    WHERE tenant_id = $1),
          goal AS (SELECT row_number() OVER (ORDER BY created_at, title) - 1 AS i, id FROM steering_goals
                    WHERE tenant_id = $1),
          nd AS (SELECT count(*) AS n FROM demo), ng AS (SELECT count(*) AS n FROM goal)
     INSERT INTO steering_targets (tenant_id, goal_id, indicator_id, area_id, dims, direction,
                                   baseline_period, baseline_value, target_period, target_value)
     SELECT $1, goal.id, d.indicator_id, d.area_id, d.dims, d.direction, d.baseline_period,
            d.baseline_value, d.target_period, d.target_value
       FROM generate_series(0, $2 - 1 - (SELECT n FROM nd)) k, nd, ng
       JOIN demo d ON true JOIN goal ON true
      WHERE d.i = k % nd.n AND goal.i = k % ng.n`,
    [T, TARGETS],
  );
  const statuses = ['draft', 'agreed', 'submitted', 'adopted', 'deferred', 'in_progress', 'rejected'];
  await q(
    `INSERT INTO steering_recommendations (tenant_id, title, text, priority, status)
     SELECT $1, 'Empfehlung ' || g, 'Text der Empfehlung ' || g,
            (ARRAY['high','medium','low'])[1 + g % 3], ($3::text[])[1 + g % 7]
       FROM generate_series(1, $2) g`,
    [T, RECS - recs0, statuses],
  );
  // Each recommendation addressed to one of the demo's units.
  await q(
    `INSERT INTO steering_recommendation_units (tenant_id, recommendation_id, unit_id)
     SELECT $1, r.id, u.id FROM steering_recommendations r
       JOIN LATERAL (SELECT id FROM org_units WHERE tenant_id = $1 ORDER BY name
                      OFFSET (abs(hashtext(r.id::text)) % 3) LIMIT 1) u ON true
      WHERE r.tenant_id = $1
     ON CONFLICT DO NOTHING`,
    [T],
  );
  const counts = (
    await q(
      `SELECT (SELECT count(*) FROM steering_goals WHERE tenant_id = $1)::int AS goals,
              (SELECT count(*) FROM steering_targets WHERE tenant_id = $1)::int AS targets,
              (SELECT count(*) FROM steering_recommendations WHERE tenant_id = $1)::int AS recs`,
      [T],
    )
  )[0];
  const s = tenantScope(database.db, T);
  say(
    `Committee overview of ${tenant.name}: ${counts.goals} goals, ${counts.targets} targets, ` +
      `${counts.recs} recommendations; PGlite; median of ${RUNS}; ${os.cpus().length} CPUs, Node ${process.versions.node}`,
  );
  const html = await time(async () => overviewHtml(await overviewDocument(s, tenant.name)));
  say(`| step | time | ratio to baseline |`);
  say(`|---|---:|---:|`);
  const docx = await time(async () => overviewDocx(await overviewDocument(s, tenant.name)));
  const statusesSeen = (await overviewDocument(s, tenant.name)).goals
    .flatMap((g) => g.targets)
    .map((t) => t.status);
  if (!fs.existsSync(chromiumPath())) {
    banner(`Chromium missing (${chromiumPath()}): PDF and baseline skipped`);
    say(`| ours: data + HTML (${(html.out.length / 1024).toFixed(0)} KiB) | ${fmt(html.ms)} | – |`);
    say(`| ours: data + DOCX (${(docx.out.length / 1024).toFixed(0)} KiB) | ${fmt(docx.ms)} | – |`);
  } else {
    await printPdf('<p>warm-up</p>');
    const pdf = await time(async () => printPdf(overviewHtml(await overviewDocument(s, tenant.name))));
    const base = await time(async () => printPdf(html.out));
    const r = (ms) => (ms / base.ms).toFixed(2);
    say(
      `| baseline: Chromium prints the same HTML (${(base.out.length / 1024).toFixed(0)} KiB PDF) | ${fmt(base.ms)} | 1.00 |`,
    );
    say(
      `| ours: data + HTML (${(html.out.length / 1024).toFixed(0)} KiB) | ${fmt(html.ms)} | ${r(html.ms)} |`,
    );
    say(
      `| ours: data + HTML + PDF (${(pdf.out.length / 1024).toFixed(0)} KiB) | ${fmt(pdf.ms)} | ${r(pdf.ms)} |`,
    );
    say(
      `| ours: data + DOCX (${(docx.out.length / 1024).toFixed(0)} KiB) | ${fmt(docx.ms)} | ${r(docx.ms)} |`,
    );
    await closePdfBrowser();
  }
  const byStatus = {};
  for (const st of statusesSeen) byStatus[st] = (byStatus[st] ?? 0) + 1;
  say(`Target statuses: ${JSON.stringify(byStatus)}`);
} finally {
  await database.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
