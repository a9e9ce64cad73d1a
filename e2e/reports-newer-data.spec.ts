import { expect, test, type Page } from '@playwright/test';
import { DEMO, expectNoAxeViolations, signIn } from './helpers';

/*
 * Issue 12, quality bar: „import newer data → released report unchanged, draft shows ‚neuere Daten‘“.
 * A new indicator (its own, so no other spec's figures change) is imported, made public, and shown as a
 * table block in a published report and in a draft. Newer data are imported the way the workbench does it
 * (upload, column mapping, check, commit); the published report's public page keeps the frozen values,
 * the draft's block says „Neuere Daten“ and takes the new values only when refreshed deliberately.
 */

const suffix = String(Date.now() % 1_000_000);
const CODE = `e2e_schulplaetze_${suffix}`;
const NAME = `Schulplätze (E2E ${suffix})`;
const PUBLISHED = `Bericht mit eingefrorenen Daten ${suffix}`;
const DRAFT = `Berichtsentwurf mit neueren Daten ${suffix}`;
/** Musterstadt's Stadtbezirke (demo area codes). */
const DISTRICTS = ['01', '02', '03'];

interface Api {
  status: number;
  body: Record<string, unknown>;
}

/** Calls the API from the signed-in page (session cookie + CSRF token), as the workbench does. */
async function api(page: Page, method: string, url: string, body?: unknown): Promise<Api> {
  return page.evaluate(
    async (req) => {
      const s = await (await fetch('/api/auth/session')).json();
      const init: RequestInit = {
        method: req.method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken },
      };
      if (req.method !== 'GET') init.body = JSON.stringify(req.body ?? {});
      const res = await fetch(req.url, init);
      return { status: res.status, body: await res.json().catch(() => ({})) };
    },
    { method, url, body },
  );
}

async function tenantId(page: Page): Promise<string> {
  const s = (await api(page, 'GET', '/api/auth/session')).body as {
    memberships: Array<{ slug: string; tenantId: string }>;
  };
  return s.memberships.find((m) => m.slug === 'musterstadt')!.tenantId;
}

/** Upload, map, check and commit a tidy CSV through the import API (the workbench's steps). */
async function importCsv(page: Page, tid: string, fileName: string, csv: string, year: string) {
  const options = {
    mapping: {
      areaKey: { column: 'Schlüssel' },
      areaName: { column: 'Gebiet' },
      period: { value: year, type: 'year' },
      values: [{ column: 'Plätze', measure: CODE, name: NAME, unit: 'Plätze' }],
    },
    indicators: [{ key: CODE, code: CODE, nameDe: NAME }],
    level: 'stadtbezirk',
  };
  const run = await page.evaluate(
    async (arg) => {
      const s = await (await fetch('/api/auth/session')).json();
      const h = { 'x-csrf-token': s.csrfToken as string };
      const base = `/api/tenants/${arg.tid}/imports`;
      const body = new FormData();
      body.append('file', new Blob([arg.csv]), arg.fileName);
      const created = await (await fetch(base, { method: 'POST', body, headers: h })).json();
      const wait = async () => {
        for (;;) {
          const r = await (await fetch(`${base}/${created.id}`)).json();
          if (!['uploaded', 'analyzing', 'importing'].includes(r.status)) return r;
          await new Promise((res) => setTimeout(res, 150));
        }
      };
      const json = { ...h, 'content-type': 'application/json' };
      await wait();
      await fetch(`${base}/${created.id}/analyze`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify(arg.options),
      });
      const checked = await wait();
      if (checked.status !== 'ready') return checked;
      await fetch(`${base}/${created.id}/commit`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify(arg.options),
      });
      return wait();
    },
    { tid, fileName, csv, options },
  );
  expect(run.error ?? null, JSON.stringify(run.error)).toBeNull();
  expect(run.status).toBe('done');
}

const csvOf = (values: string[]) =>
  ['Schlüssel;Gebiet;Plätze', ...DISTRICTS.map((d, i) => `${d};Bezirk ${d};${values[i]}`), ''].join('\n');

/** A report with one chapter holding a table block of the indicator; returns its id and the block's id. */
async function reportWithTable(page: Page, t: string, title: string, indicatorId: string) {
  const created = await api(page, 'POST', `${t}/reports`, { title, period: '2024', template: 'empty' });
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  const withChapter = await api(page, 'POST', `${t}/reports/${id}/chapters`, { title: 'Schulen' });
  const chapters = withChapter.body.chapters as Array<{ id: string }>;
  const block = await api(page, 'POST', `${t}/reports/${id}/chapters/${chapters[0]!.id}/blocks`, {
    kind: 'table',
    indicatorId,
    view: 'series',
    caption: `Schulplätze nach Stadtbezirk ${suffix}`,
  });
  expect(block.status).toBeLessThan(300);
  return id;
}

test('import newer data: the released report keeps its values, the draft shows „neuere Daten“ and refreshes on demand', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.admin);
  const tid = await tenantId(page);
  const t = `/api/tenants/${tid}`;

  // 2023: the first data of a new indicator, made public (the reports show the public view only).
  await importCsv(page, tid, 'schulplaetze-2023.csv', csvOf(['4321', '4322', '4323']), '2023');
  const found = await api(page, 'GET', `${t}/indicators?q=${encodeURIComponent(CODE)}`);
  const list = (Array.isArray(found.body) ? found.body : (found.body.items ?? [])) as Array<{
    id: string;
    code: string;
  }>;
  const indicatorId = list.find((i) => i.code === CODE)!.id;
  expect((await api(page, 'PATCH', `${t}/indicators/${indicatorId}`, { visibility: 'public' })).status).toBe(
    200,
  );

  const published = await reportWithTable(page, t, PUBLISHED, indicatorId);
  for (const status of ['review', 'approved', 'published'])
    expect((await api(page, 'POST', `${t}/reports/${published}/status`, { status })).status).toBe(200);
  const draft = await reportWithTable(page, t, DRAFT, indicatorId);

  // 2024: newer data for the same indicator.
  await importCsv(page, tid, 'schulplaetze-2024.csv', csvOf(['5671', '5672', '5673']), '2024');

  // The published report is unchanged: its public page (no JavaScript needed) shows the frozen values.
  await page.goto(`/kommune/musterstadt/berichte/${published}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PUBLISHED);
  const frozen = page.locator('main');
  await expect(frozen).toContainText('4.321');
  await expect(frozen).not.toContainText('5.671');
  // … and so is its workbench page: no hint, nothing to refresh.
  await page.goto(`/app/t/musterstadt/berichte/${published}`);
  await expect(page.getByRole('heading', { level: 1, name: PUBLISHED })).toBeVisible();
  await expect(page.getByRole('table').first()).toContainText('4.321');
  await expect(page.getByText('Neuere Daten')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Daten aktualisieren' })).toHaveCount(0);

  // The draft's block says that newer data exist, and keeps its values until the author refreshes it.
  await page.goto(`/app/t/musterstadt/berichte/${draft}`);
  await expect(page.getByRole('heading', { level: 1, name: DRAFT })).toBeVisible();
  const block = page.getByRole('article', { name: /^Indikator-Tabelle/ });
  await expect(block.getByText('Neuere Daten: Für diesen Indikator gibt es neuere Daten')).toBeVisible();
  await expect(block.getByRole('table')).toContainText('4.321');
  await expect(block.getByRole('table')).not.toContainText('5.671');
  await expectNoAxeViolations(page, 'Berichtsentwurf mit neueren Daten');
  await block.getByRole('button', { name: 'Daten aktualisieren' }).click();
  await expect(block.getByRole('table')).toContainText('5.671');
  await expect(block.getByText('Neuere Daten')).toHaveCount(0);

  // The published report still shows the frozen values after the draft's refresh.
  await page.goto(`/kommune/musterstadt/berichte/${published}`);
  await expect(page.locator('main')).not.toContainText('5.671');
});
