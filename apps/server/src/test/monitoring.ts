import { expect } from 'vitest';
import type { ImportOptions, ImportRunDetail } from '@dkbm/contract';
import type { TestClient, TestContext } from './testApp';

const BUSY = new Set(['uploaded', 'analyzing', 'importing']);

/** Poll an import run until its background job is done (ready, done or failed). */
export async function waitForRun(
  c: TestClient,
  tenantId: string,
  runId: string,
  timeoutMs = 60_000,
): Promise<ImportRunDetail> {
  const t0 = Date.now();
  for (;;) {
    const res = await c.get(`/api/tenants/${tenantId}/imports/${runId}`);
    expect(res.statusCode, res.body).toBe(200);
    const run = res.json() as ImportRunDetail;
    if (!BUSY.has(run.status)) return run;
    if (Date.now() - t0 > timeoutMs)
      throw new Error(`import ${runId} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Upload a file and wait for its analysis. */
export async function uploadAndAnalyze(
  c: TestClient,
  tenantId: string,
  fileName: string,
  content: Uint8Array | string,
) {
  const res = await c.upload(`/api/tenants/${tenantId}/imports`, fileName, content);
  expect(res.statusCode, res.body).toBe(202);
  return waitForRun(c, tenantId, res.json().id);
}

/** Commit an analysed run and wait for the result. */
export async function commitAndWait(
  c: TestClient,
  tenantId: string,
  runId: string,
  options: ImportOptions = {},
) {
  const res = await c.post(`/api/tenants/${tenantId}/imports/${runId}/commit`, options);
  expect(res.statusCode, res.body).toBe(202);
  return waitForRun(c, tenantId, runId);
}

/**
 * Upload, analyse and commit; the run must end `done`. Unknown areas are created unless the options say
 * otherwise (the fixtures use keys of Schleswig-Holstein, outside the demo municipalities, where the
 * default would be off).
 */
export async function importFile(
  c: TestClient,
  tenantId: string,
  fileName: string,
  content: Uint8Array | string,
  options: ImportOptions = {},
) {
  const analysed = await uploadAndAnalyze(c, tenantId, fileName, content);
  expect(analysed.status, JSON.stringify(analysed.error)).toBe('ready');
  const done = await commitAndWait(c, tenantId, analysed.id, { createAreas: true, ...options });
  expect(done.status, JSON.stringify(done.error)).toBe('done');
  return done;
}

/**
 * A small GENESIS table export in the flat layout of the Regionaldatenbank (like 22543-01-02-4):
 * period, region key and indented name, one unnamed row-label column, two age-group value columns.
 */
export function genesisFixture(opts: {
  code?: string;
  period?: string;
  rows: Array<{ key: string; name: string; label: string; u3: string; u6: string }>;
  truncate?: boolean;
}): string {
  const period = opts.period ?? '01.03.2016';
  const lines = [
    `GENESIS-Tabelle: ${opts.code ?? '99901-01-01-4'}`,
    'Testdaten: Betreute Kinder nach Art der Betreuung;;;;;',
    'und Altersgruppen - Stichtag -;;;;;',
    'regionale Tiefe: Kreise und krfr. Städte;;;;;',
    'Statistik der Testbetreuung;;;;;',
    ';;;;Betreute Kinder;Betreute Kinder',
    ';;;;Altersgruppe;Altersgruppe',
    ';;;;unter 3 Jahre;3 bis unter 6 Jahre',
    ';;;;Anzahl;Anzahl',
    ...opts.rows.map((r) => `${period};${r.key};${r.name};${r.label};${r.u3};${r.u6}`),
  ];
  if (opts.truncate) return lines.join('\n') + '\n01.03.2016;01001;      Flensburg;Tagespfl';
  lines.push(
    '__________',
    '"Testfußnote: Werte erfunden."',
    '"© Statistische Ämter des Bundes und der Länder, Deutschland, 2017.',
    'Dieses Werk ist lizensiert unter der Datenlizenz Deutschland',
    '- Namensnennung - Version 2.0."',
    'Stand: 10.10.2017 / 17:33:29',
  );
  return lines.join('\n') + '\n';
}

/** Row counts of every table that holds monitoring data of a tenant. */
export async function snapshot(t: TestContext, tenantId: string) {
  const q = async (table: string) =>
    (
      await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [
        tenantId,
      ])
    )[0]!.n;
  return {
    areas: await q('areas'),
    versions: await q('area_versions'),
    indicators: await q('indicators'),
    dimensions: await q('dimensions'),
    series: await q('series'),
    observations: await q('observations'),
  };
}
