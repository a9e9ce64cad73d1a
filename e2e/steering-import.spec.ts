import { expect, test, type Page } from '@playwright/test';
import { apiFromPage, DEMO, expectNoAxeViolations, signIn } from './helpers';

/*
 * The progress status of a target is computed from the monitoring data: importing a newer year changes it
 * on the goal page. Driven as a user through the import API of the signed-in page, in the tenant
 * „Landkreis Beispielkreis (Demo)“ with an indicator only this spec imports.
 */

const SLUG = 'beispielkreis';
const CODE = '99962-01-01-4';

/** A small GENESIS table: day-care counts for Flensburg and Kiel (Kiel's under-3 count varies). */
const genesis = (period: string, kielU3: string) =>
  [
    `GENESIS-Tabelle: ${CODE}`,
    'Testdaten: Betreute Kinder nach Art der Betreuung;;;;;',
    'und Altersgruppen - Stichtag -;;;;;',
    'regionale Tiefe: Kreise und krfr. Städte;;;;;',
    'Statistik der Testbetreuung;;;;;',
    ';;;;Betreute Kinder;Betreute Kinder',
    ';;;;Altersgruppe;Altersgruppe',
    ';;;;unter 3 Jahre;3 bis unter 6 Jahre',
    ';;;;Anzahl;Anzahl',
    `${period};01001;      Flensburg, Kreisfreie Stadt;Tageseinrichtung;20;40`,
    `${period};01002;      Kiel, Landeshauptstadt;Tageseinrichtung;${kielU3};50`,
    '__________',
    '"Testfußnote: Werte erfunden."',
    'Stand: 10.10.2017 / 17:33:29',
  ].join('\n') + '\n';

interface Run {
  id: string;
  status: string;
}

/** Upload a file through the import API, wait for the analysis, commit it and wait until it is done. */
async function importThroughApi(page: Page, tenantId: string, fileName: string, text: string) {
  const uploaded = await page.evaluate(
    async ({ url, name, content }) => {
      const s = await (await fetch('/api/auth/session')).json();
      const form = new FormData();
      form.append('file', new Blob([content], { type: 'text/csv' }), name);
      const res = await fetch(url, { method: 'POST', body: form, headers: { 'x-csrf-token': s.csrfToken } });
      return res.json();
    },
    { url: `/api/tenants/${tenantId}/imports`, name: fileName, content: text },
  );
  const runUrl = `/api/tenants/${tenantId}/imports/${uploaded.id}`;
  const until = async (done: string) =>
    expect
      .poll(async () => (await apiFromPage<Run>(page, 'GET', runUrl)).status, { timeout: 60_000 })
      .toBe(done);
  await until('ready');
  await apiFromPage(page, 'POST', `${runUrl}/commit`, { createAreas: true });
  await until('done');
}

test('importing a newer year changes the computed status of a target on the goal page', async ({ page }) => {
  await signIn(page, DEMO.admin);
  const session = await apiFromPage<{ memberships: Array<{ slug: string; tenantId: string }> }>(
    page,
    'GET',
    '/api/auth/session',
  );
  const tenantId = session.memberships.find((m) => m.slug === SLUG)!.tenantId;
  await importThroughApi(page, tenantId, `${CODE}_2016.csv`, genesis('01.03.2016', '30'));
  await importThroughApi(page, tenantId, `${CODE}_2018.csv`, genesis('01.03.2018', '36'));

  const indicators = await apiFromPage<Array<{ id: string; statisticsCode: string | null }>>(
    page,
    'GET',
    `/api/tenants/${tenantId}/indicators`,
  );
  const indicator = indicators.find((i) => i.statisticsCode === CODE)!;
  const obs = await apiFromPage<{
    observations: Array<{ areaId: string; areaCode: string; value: string; dims: Record<string, string> }>;
  }>(page, 'GET', `/api/tenants/${tenantId}/indicators/${indicator.id}/observations`);
  const kiel = obs.observations.find((o) => o.areaCode === '01002' && o.value === '30')!;
  const goal = await apiFromPage<{ id: string }>(page, 'POST', `/api/tenants/${tenantId}/steering/goals`, {
    title: 'Betreuung in Kiel ausbauen (Importtest)',
    owner: 'Jugendamt',
  });
  await apiFromPage(page, 'POST', `/api/tenants/${tenantId}/steering/goals/${goal.id}/targets`, {
    indicatorId: indicator.id,
    areaId: kiel.areaId,
    dims: kiel.dims,
    baselinePeriod: '2016-03-01',
    targetPeriod: '2026-03-01',
    targetValue: '60',
  });

  // 30 → 36 in two years (9,5 % a year) against the 7,2 % a year needed for 60 in ten years.
  await page.goto(`/app/t/${SLUG}/ziele/${goal.id}`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Betreuung in Kiel ausbauen (Importtest)' }),
  ).toBeVisible();
  const card = page.getByRole('article').filter({ hasText: 'Kiel' });
  await expect(card.getByText('auf gutem Weg')).toBeVisible();
  const latest = card.locator('dd').nth(2);
  await expect(latest).toContainText('36');
  await expect(latest).toContainText('01.03.2018');
  await expectNoAxeViolations(page, 'Zielseite vor dem Import');

  // The municipality imports 2020 with fewer children: the status follows the data.
  await importThroughApi(page, tenantId, `${CODE}_2020.csv`, genesis('01.03.2020', '25'));
  await page.reload();
  await expect(card.getByText('Entwicklung in die falsche Richtung')).toBeVisible();
  await expect(card.getByText('auf gutem Weg')).toHaveCount(0);
  await expect(latest).toContainText('25');
  await expect(latest).toContainText('01.03.2020');
  await expectNoAxeViolations(page, 'Zielseite nach dem Import');
});
