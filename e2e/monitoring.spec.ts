import { expect, test, type Page } from '@playwright/test';
import { apiFromPage, DEMO, expectNoAxeViolations, signIn } from './helpers';

// Monitoring pages of the demo municipality Musterstadt (other specs import into Beispielkreis).
const BASE = '/app/t/musterstadt/monitoring';

interface Ids {
  tenantId: string;
  indicators: Record<string, string>;
  areas: Record<string, string>;
}

async function ids(page: Page): Promise<Ids> {
  const session = await apiFromPage<{ memberships: Array<{ slug: string; tenantId: string }> }>(
    page,
    'GET',
    '/api/auth/session',
  );
  const tenantId = session.memberships.find((m) => m.slug === 'musterstadt')!.tenantId;
  const list = await apiFromPage<Array<{ id: string; code: string }>>(
    page,
    'GET',
    `/api/tenants/${tenantId}/indicators`,
  );
  const areas = await apiFromPage<Array<{ id: string; name: string }>>(
    page,
    'GET',
    `/api/tenants/${tenantId}/areas`,
  );
  return {
    tenantId,
    indicators: Object.fromEntries(list.map((i) => [i.code, i.id])),
    areas: Object.fromEntries(areas.map((a) => [a.name, a.id])),
  };
}

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

/** Waits until MapLibre has drawn and counts the distinct colours on the map canvas. */
async function mapColours(page: Page): Promise<number> {
  await expect(page.getByTestId('choropleth')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
  await page.waitForTimeout(500);
  return page.evaluate(() => {
    const c = document.querySelector<HTMLCanvasElement>('[data-testid="choropleth"] canvas')!;
    const t = document.createElement('canvas');
    t.width = c.width;
    t.height = c.height;
    const ctx = t.getContext('2d')!;
    ctx.drawImage(c, 0, 0);
    const d = ctx.getImageData(0, 0, t.width, t.height).data;
    const colours = new Set<number>();
    for (let i = 0; i < d.length; i += 4 * 7) colours.add((d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]!);
    return colours.size;
  });
}

const valueHeader = (page: Page, unit: string) =>
  page.getByTestId('period-table').getByRole('columnheader', { name: `Wert (${unit})` });

test('catalogue: search, filter and open the childcare rate', async ({ page }) => {
  await signIn(page, DEMO.admin);
  const scripts: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto(BASE);
  await settle(page);
  // The catalogue stays light: charts and MapLibre are loaded only on the indicator page.
  expect(scripts.filter((u) => /EChart|MapCanvas|maplibre/i.test(u))).toEqual([]);
  await expect(page.getByRole('heading', { level: 1, name: 'Indikatoren' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /Frühkindliche Bildung/ })).toBeVisible();
  await expectNoAxeViolations(page, 'monitoring catalogue');

  await page.getByLabel('Suchbegriff').fill('Betreuungsquote');
  await page.getByRole('button', { name: 'Suchen' }).click();
  await expect(page).toHaveURL(/q=Betreuungsquote/);
  // The childcare rates U3 and 3 to 6 (the demo applies the Kennzahlenkatalog).
  await expect(page.getByText('2 Indikatoren gefunden.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Bevölkerung nach Altersgruppen' })).toHaveCount(0);

  await page.getByRole('link', { name: 'Filter zurücksetzen' }).click();
  await page.getByLabel('Thema').selectOption('grundinformationen');
  await expect(page.getByRole('link', { name: 'Bevölkerung nach Altersgruppen' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Betreuungsquote unter 3 Jahren' })).toHaveCount(0);
  await page.getByLabel('Thema').selectOption('');

  await page.getByRole('link', { name: 'Betreuungsquote unter 3 Jahren' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Betreuungsquote unter 3 Jahren' })).toBeVisible();
  await expect(page.getByTestId('metadata')).toContainText('betreut / kinder * 100');
  await expect.poll(() => scripts.some((u) => /MapCanvas/.test(u))).toBe(true);
});

test('indicator page: map, keyboard, period, sorting, downloads', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto('/app/t/musterstadt');
  const { indicators } = await ids(page);
  await page.goto(`${BASE}/indikatoren/${indicators['betreuungsquote_u3']}`);
  await settle(page);

  // The map draws coloured areas, the legend lists the classes and the no-data class.
  expect(await mapColours(page)).toBeGreaterThan(4);
  const legend = page.getByTestId('map-legend');
  await expect(legend.getByRole('listitem')).toHaveCount(6);
  await expect(legend).toContainText('keine Daten');
  await expect(legend).toContainText(/\d+,\d bis \d+,\d/);
  await expect(page.getByTestId('selection-summary')).toHaveText(
    '01.03.2024, Stadtbezirk / Stadtteil: 12 Gebiete, 12 mit Zahlenwert.',
  );
  await expectNoAxeViolations(page, 'indicator page with map');

  // Hover: the tooltip shows the area and its value.
  const map = page.getByTestId('choropleth');
  await map.scrollIntoViewIfNeeded();
  await map.hover({ position: { x: 10, y: 10 } });
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
  await expect(page.locator('.mon-map-tip')).toContainText(/^[^:]+: \d+,\d %, Klasse \d von 5$/);
  await page.mouse.move(0, 0);

  // The permalink pins the whole selection in the address.
  await page.getByTestId('permalink').click();
  await expect(page).toHaveURL(/period=2024-03-01.*level=stadtbezirk.*area=/);

  // Keyboard: Tab reaches the area list, arrow keys move; the value is shown (list and map tooltip).
  const list = page.getByTestId('map-area-list');
  await list.getByRole('button').first().focus();
  await page.keyboard.press('ArrowDown');
  const focused = page.locator(':focus');
  await expect(focused).toContainText('Am Königsweg');
  await expect(focused).toContainText(/\d+,\d %, Klasse \d von 5/);
  await expect(page.locator('.mon-map-tip')).toContainText(/Am Königsweg: \d+,\d %/);
  // Enter selects the area for the time series.
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/area=/);
  await expect(page.getByRole('table', { name: /Am Königsweg und Referenzgebiete/ })).toBeVisible();

  // Classification: natural breaks with 3 classes.
  await page.getByLabel('Klassenbildung der Karte').selectOption('jenks');
  await page.getByLabel('Anzahl der Klassen').selectOption('3');
  await expect(legend.getByRole('listitem')).toHaveCount(4);
  await expect(page).toHaveURL(/method=jenks/);

  // Period switch (state in the URL).
  await page.getByLabel('Zeitpunkt', { exact: true }).selectOption({ label: '01.03.2022' });
  await expect(page).toHaveURL(/period=2022-03-01/);
  await expect(page.getByTestId('selection-summary')).toContainText('01.03.2022');
  await expect(page.getByRole('table', { name: /am 01\.03\.2022 nach Gebieten/ })).toBeVisible();

  // Sorting the table by value.
  const header = valueHeader(page, '%');
  const rows = page.getByTestId('period-table').locator('tbody tr');
  const firstValue = async () => Number((await rows.first().locator('td.num').innerText()).replace(',', '.'));
  const lastValue = async () => Number((await rows.last().locator('td.num').innerText()).replace(',', '.'));
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  expect(await firstValue()).toBeLessThanOrEqual(await lastValue());
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  expect(await firstValue()).toBeGreaterThanOrEqual(await lastValue());

  // Downloads: the export links answer with the right content type.
  const types: Record<string, RegExp> = {
    csv: /text\/csv/,
    xlsx: /spreadsheetml/,
    json: /application\/json/,
  };
  const names = new Set<string>();
  for (const [format, type] of Object.entries(types)) {
    for (const suffix of ['', '-all']) {
      const href = await page.getByTestId(`export-${format}${suffix}`).getAttribute('href');
      expect(href).toContain(`format=${format}`);
      const res = await page.request.get(href!);
      expect(res.status(), `${format}${suffix}`).toBe(200);
      expect(res.headers()['content-type']).toMatch(type);
      if (format === 'csv' && !suffix) expect(await res.text()).toContain('2022');
      // „Aktuelle Auswahl“ and „Alle Werte“ have names of their own; the internal view says so.
      const name = /filename="([^"]+)"/.exec(res.headers()['content-disposition'] ?? '')?.[1] ?? '';
      expect(name).toMatch(
        suffix
          ? /_alle_werte_INTERN_ungeschuetzt\./
          : /_auswahl_2022[-\d]*_stadtbezirk_INTERN_ungeschuetzt\./,
      );
      names.add(name);
    }
  }
  expect(names.size).toBe(6);

  // Chart images: SVG and PNG downloads of the bar chart.
  const bars = page.getByTestId('bars-chart');
  await expect(bars.locator('svg').first()).toBeVisible();
  const [svg] = await Promise.all([
    page.waitForEvent('download'),
    bars.getByRole('button', { name: /SVG herunterladen/ }).click(),
  ]);
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    bars.getByRole('button', { name: /PNG herunterladen/ }).click(),
  ]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const [mapPng] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Karte als PNG' }).click(),
  ]);
  expect(mapPng.suggestedFilename()).toMatch(/_karte\.png$/);
  const file = await mapPng.path();
  expect(file).toBeTruthy();
});

test('dimensions and the public view with withheld values (editor/admin)', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto('/app/t/musterstadt');
  const { indicators } = await ids(page);
  await page.goto(`${BASE}/indikatoren/${indicators['kinder_in_betreuung']}`);
  await settle(page);

  await page.getByLabel('Art der Betreuung').selectOption({ label: 'Kindertagespflege' });
  await page.getByLabel('Altersgruppe').selectOption({ label: 'unter 3 Jahre' });
  await expect(page).toHaveURL(/dims=betreuungsart%3Atagespflege%2Caltersgruppe%3Au3/);
  const summary = page.getByTestId('selection-summary');
  await expect(summary).toHaveText('01.03.2024, Stadtbezirk / Stadtteil: 12 Gebiete, 12 mit Zahlenwert.');
  await expect(page.getByRole('radio', { name: 'Intern (alle Werte)' })).toBeChecked();

  await page.getByRole('radio', { name: /Öffentlich/ }).check();
  await expect(page).toHaveURL(/view=public/);
  await expect(summary).toContainText('zum Schutz kleiner Fallzahlen ausgeblendet');
  const table = page.getByTestId('period-table');
  await expect(table.getByText('Wert zum Schutz kleiner Fallzahlen ausgeblendet').first()).toBeAttached();
  await expect(table.locator('.value-suppressed').first()).toHaveText(/^\.\s*Wert zum Schutz/);
  await expect(page.getByText('Zeichenerklärung').first()).toBeVisible();
  // The map shows withheld areas in the no-data class.
  await expect(page.getByTestId('map-legend')).toContainText(
    /keine Daten oder ausgeblendet \([1-9]\d* Gebiet/,
  );
  expect(await mapColours(page)).toBeGreaterThan(2);
  await expectNoAxeViolations(page, 'indicator page, public view');

  // The public export leaves the withheld values out.
  const href = await page.getByTestId('export-csv').getAttribute('href');
  expect(href).toContain('view=public');
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
});

test('viewer: always the public view', async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await page.goto('/app/t/musterstadt');
  const { indicators } = await ids(page);
  await page.goto(
    `${BASE}/indikatoren/${indicators['kinder_in_betreuung']}?view=internal&dims=betreuungsart:tagespflege,altersgruppe:u3`,
  );
  await settle(page);
  await expect(page.getByRole('radio')).toHaveCount(0);
  await expect(page.getByTestId('view-note')).toContainText('Sie sehen die öffentliche Ansicht');
  await expect(page.getByTestId('selection-summary')).toContainText(
    'zum Schutz kleiner Fallzahlen ausgeblendet',
  );
  // Counts read „136“ with the unit in the heading, not „136 Anzahl“.
  await expect(page.getByRole('heading', { name: 'Gebiete auf der Karte (Einheit: Anzahl)' })).toBeVisible();
  await expect(page.getByTestId('map-area-list')).not.toContainText('Anzahl');
  await expect(page.getByTestId('map-area-list').getByRole('button').first()).toContainText(/\d|\./);
  for (const href of [
    await page.getByTestId('export-csv').getAttribute('href'),
    await page.getByTestId('export-json-all').getAttribute('href'),
  ]) {
    expect(href).toContain('view=public');
    expect((await page.request.get(href!)).status()).toBe(200);
  }
  // Asking the server for the internal view directly is refused.
  const internal = await page.request.get(
    `/api/tenants/${(await ids(page)).tenantId}/indicators/${indicators['kinder_in_betreuung']}/observations?view=internal`,
  );
  expect(internal.status()).toBe(403);
  // No import link for viewers in the sub-navigation.
  await expect(
    page.getByRole('navigation', { name: 'Bildungsmonitoring' }).getByRole('link', { name: 'Import' }),
  ).toHaveCount(0);
});

test('areas and area profile', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto(`${BASE}/gebiete`);
  await settle(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Gebiete' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /Stadtbezirk/ })).toBeVisible();
  await expectNoAxeViolations(page, 'areas');

  // The Stadtteil and the school catchment of the Grundschule Altstadt (entitlement planning).
  await page.getByRole('searchbox', { name: 'Gebiet suchen' }).fill('Altst');
  await expect(page.getByText('2 Gebiete gefunden.')).toBeVisible();
  await page.getByRole('link', { name: 'Altstadt', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Gebietsprofil: Altstadt' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  // The parent chain and the reference column.
  const main = page.getByRole('main');
  await expect(main.getByRole('link', { name: 'Musterstadt', exact: true })).toBeVisible();
  await expect(main.getByRole('columnheader', { name: /Musterstadt/ }).first()).toBeVisible();
  const row = page.getByRole('row', { name: /Betreuungsquote unter 3 Jahren/ });
  await expect(row).toContainText(/\d+,\d/);
  await expect(row).toContainText(
    /01\.03\.2020: \d+,\d → 01\.03\.2024: \d+,\d \((steigend|fallend|gleichbleibend)\)/,
  );
  // A count without an official total says what it sums (not just „407“).
  const care = page.getByRole('row', { name: /Kinder in Kindertagesbetreuung/ });
  await expect(care.getByTestId('profile-breakdown')).toContainText(
    'Art der Betreuung: Insgesamt · Summe aus',
  );
  await expect(care.getByTestId('profile-breakdown')).toContainText(
    /Summe aus .+ \+ .+ \(Altersgruppe; die Daten haben keinen amtlichen Gesamtwert\)/,
  );
  await expectNoAxeViolations(page, 'area profile');

  await row.getByRole('link', { name: /Betreuungsquote unter 3 Jahren/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Betreuungsquote unter 3 Jahren' })).toBeVisible();
  await expect(page.getByLabel('Gebiet für den Zeitverlauf')).toHaveValue(/[0-9a-f-]{36}/);
  await expect(page.getByLabel('Gebiet für den Zeitverlauf').locator('option:checked')).toHaveText(
    'Altstadt',
  );

  // The city as a whole: its children are listed.
  await page.goto(`${BASE}/gebiete`);
  await page.getByRole('main').getByRole('link', { name: 'Musterstadt', exact: true }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Gebietsprofil: Musterstadt' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Eichberg' })).toBeVisible();
  await expectNoAxeViolations(page, 'area profile of the city');
});
