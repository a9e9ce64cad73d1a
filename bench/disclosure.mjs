// Benchmark: statistical disclosure control of genuine official tables (ADR 0006). Each table is imported
// into a fresh embedded database; then, in the same process, the same indicator is exported three times:
//   internal  (no protection: read, tidy rows, German CSV)            — the baseline
//   public, first request (protection computed: facts, witness LPs)  — what a data version costs once
//   public, again (protection from the cache)                         — every later request
// ratio = public time / internal time. Also: cells, small counts, further withheld cells.
// Usage: npm run bench -- disclosure [--files=22543-01-02-4_00.csv,21111-02-06-4.csv]
// The tables are read from ../shared/data/genesapi-data; TypeScript sources load through `node --import tsx`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { arg, banner, root, say } from './lib.mjs';

const dataDir = process.env.DKBM_SHARED_DATA ?? path.resolve(root, '..', 'shared', 'data');
const genesis = path.join(dataDir, 'genesapi-data');
const DEFAULT_FILES = ['22543-01-02-4_00.csv', '22541-01-01-4_00.csv', '21111-02-06-4.csv'];

async function worker(files) {
  const src = (p) => pathToFileURL(path.join(root, 'apps/server/src', p)).href;
  const { openDatabase, runMigrations } = await import(src('platform/db/client.ts'));
  const { createTenant } = await import(src('modules/tenants/tenants.service.ts'));
  const { analyzeRun, commitRun, createRun } = await import(src('modules/imports/runs.service.ts'));
  const { tenantScope } = await import(src('platform/tenancy/scope.ts'));
  const { internalObservations, publicObservations } = await import(
    src('modules/monitoring/observations.service.ts')
  );
  const { tidyRows, toGermanCsv } = await import(src('modules/monitoring/export.service.ts'));
  const { indicators } = await import(src('platform/db/schema.ts'));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dkbm-bench-sdc-'));
  const database = await openDatabase({ pgliteDir: dir });
  try {
    await runMigrations(database);
    const tenant = await createTenant(database.db, {
      slug: 'bench',
      name: 'Bench',
      type: 'landkreis',
      ags: '03159',
    });
    for (const file of files) {
      const runId = await createRun(tenantScope(database.db, tenant.id), {
        userId: null,
        via: 'cli',
        file: { name: file, bytes: new Uint8Array(fs.readFileSync(path.join(genesis, file))) },
      });
      await analyzeRun(database, tenant.id, runId, { createAreas: true });
      await commitRun(database, tenant.id, runId, { createAreas: true });
    }
    const rows = (await database.db.select().from(indicators)).filter((r) => r.measure === 'absolute');
    say(
      '| indicator | cells | periods | small counts | further withheld | internal ms | public, first ms (ratio) | public, again ms (ratio) |',
    );
    say('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const row of rows.toSorted((a, b) => a.code.localeCompare(b.code))) {
      const time = async (view) => {
        const t0 = performance.now();
        const obs =
          view === 'internal'
            ? await internalObservations(tenantScope(database.db, tenant.id), row, {})
            : await publicObservations(tenantScope(database.db, tenant.id), row, {});
        const csv = toGermanCsv(await tidyRows(tenantScope(database.db, tenant.id), row, obs));
        return { ms: performance.now() - t0, obs, bytes: csv.length };
      };
      const internal = await time('internal');
      const first = await time('public');
      const again = await time('public');
      const small = internal.obs.filter((o) => o.value !== null && /^[12]$/.test(o.value)).length;
      const withheld = first.obs.filter((o) => o.suppressed).length;
      const periods = new Set(internal.obs.map((o) => o.period)).size;
      const f = (x) => x.toFixed(0);
      say(
        `| ${row.code} | ${internal.obs.length} | ${periods} | ${small} | ${withheld - small} | ${f(internal.ms)} | ` +
          `${f(first.ms)} (${(first.ms / internal.ms).toFixed(1)}) | ${f(again.ms)} (${(again.ms / internal.ms).toFixed(2)}) |`,
      );
    }
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes('--worker')) {
  await worker(process.argv.slice(process.argv.indexOf('--worker') + 1));
} else {
  if (!fs.existsSync(genesis)) {
    banner(`${genesis} fehlt: Benchmark übersprungen / skipped`);
    process.exit(0);
  }
  const files = (arg('files') ?? DEFAULT_FILES.join(',')).split(',');
  say(
    `Schutz kleiner Fallzahlen (threshold 3), PGlite, ${files.join(', ')}; load average ${os.loadavg()[0].toFixed(1)}`,
  );
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', ...files],
    {
      stdio: 'inherit',
      cwd: root,
    },
  );
  process.exit(r.status ?? 1);
}
