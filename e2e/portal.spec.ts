import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './helpers';

/*
 * Public indicator pages and area profiles (issue 13): a citizen opens an indicator from the start page,
 * reads chart, map and tables, narrows the map to a period and a dimension, downloads the XLSX, opens an
 * area profile and finds offers sorted by distance — all without JavaScript. axe at 1280 and 320 px.
 */

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, locale: 'de-DE' });

  test('open an indicator page, choose period and dimension, download XLSX, open an area profile', async ({
    page,
  }) => {
    await page.goto('/kommune/musterstadt');
    await page.getByRole('link', { name: 'Kinder in Kindertagesbetreuung' }).click();
    await expect(page).toHaveURL(/\/kommune\/musterstadt\/daten\/kinder_in_betreuung$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kinder in Kindertagesbetreuung');
    await expect(page.getByRole('img', { name: /^Diagramm: Kinder in Kindertagesbetreuung/ })).toBeVisible();
    await expect(
      page.getByRole('img', { name: /^Karte: Kinder in Kindertagesbetreuung, 01\.03\.2024/ }),
    ).toBeVisible();
    const byArea = page.getByRole('table', { name: /nach Stadtbezirk/ });
    await expect(byArea.getByRole('row')).toHaveCount(13);

    // A period and one value of a dimension (GET form, no script): small counts are withheld („.“).
    await page.getByRole('combobox', { name: 'Zeitpunkt' }).selectOption('2020-03-01');
    await page
      .getByRole('combobox', { name: 'Art der Betreuung' })
      .selectOption({ label: 'Kindertagespflege' });
    await page.getByRole('button', { name: 'Anzeigen' }).click();
    await expect(page).toHaveURL(/zeitpunkt=2020-03-01/);
    await expect(
      page
        .getByRole('table', { name: /01\.03\.2020/ })
        .getByRole('cell', { name: '.', exact: true })
        .first(),
    ).toBeVisible();
    await expect(page.getByText('„.“ = Wert geheim gehalten')).toBeVisible();

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'XLSX Kinder in Kindertagesbetreuung' }).click();
    expect((await download).suggestedFilename()).toBe('kinder_in_betreuung_alle_werte_oeffentlich.xlsx');

    await page.getByRole('link', { name: 'Altstadt' }).first().click();
    await expect(page).toHaveURL(/\/kommune\/musterstadt\/gebiete\/01$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Altstadt');
    await expect(page.getByRole('table', { name: /Kennzahlen für Altstadt/ })).toBeVisible();
    expect(await page.locator('script').count()).toBe(0);
  });

  test('sort the Wegweiser by distance from a district', async ({ page }) => {
    await page.goto('/kommune/musterstadt/wegweiser');
    await page.getByLabel('Sortierung').selectOption('entfernung');
    await page.getByLabel('Entfernung von (Stadtteil)').selectOption({ label: 'Altstadt' });
    await page.getByRole('button', { name: 'Sortieren' }).click();
    await expect(page).toHaveURL(/sortierung=entfernung&von=01/);
    const lines = await page.locator('ol.hits li .meta-line').allTextContents();
    const km = lines.flatMap((l) => {
      const m = /([\d,]+) km entfernt/.exec(l);
      return m ? [Number(m[1]!.replace(',', '.'))] : [];
    });
    expect(km.length).toBeGreaterThan(5);
    expect(km).toEqual(km.toSorted((a, b) => a - b));
  });

  test('sort the Wegweiser by distance from a typed address', async ({ page }) => {
    // The address of a course as its page shows it.
    await page.goto('/kommune/musterstadt/wegweiser/deutschsprachkurs-a1-am-vormittag');
    const line = (await page.locator('p', { hasText: 'Adresse:' }).textContent()) ?? '';
    const address = line.replace('Adresse:', '').trim(); // „Am Markt 45, 39101 Musterstadt“
    await page.goto('/kommune/musterstadt/wegweiser');
    await page.getByLabel('oder von Adresse').fill(address);
    await page.getByRole('button', { name: 'Sortieren' }).click();
    await expect(page).toHaveURL(/adresse=/);
    await expect(page.getByText(`Entfernung ab ${address}`)).toBeVisible();
    const first = page.locator('ol.hits li').first();
    await expect(first).toContainText('0,0 km entfernt');

    await page.getByLabel('oder von Adresse').fill('Unter den Linden 1, 10117 Berlin');
    await page.getByRole('button', { name: 'Sortieren' }).click();
    await expect(page.getByRole('alert')).toContainText(
      'Die Adresse „Unter den Linden 1, 10117 Berlin“ ist in',
    );
    expect(await page.locator('script:not([src*="/app/assets/karte-"])').count()).toBe(0);
  });
});

// axe needs a script in the page: the same pages, scanned with JavaScript on (the indicator pages then
// draw their map with MapLibre, portal-map.spec.ts).
test('axe finds nothing on indicator pages, area profiles and the sorted Wegweiser at 1280 and 320 px', async ({
  page,
}) => {
  // 16 scans; MapLibre renders in software WebGL on four of the pages.
  test.setTimeout(180_000);
  const urls = [
    '/kommune/musterstadt',
    '/kommune/musterstadt/daten',
    '/kommune/musterstadt/daten/kinder_in_betreuung',
    '/kommune/musterstadt/daten/kinder_in_betreuung?zeitpunkt=2020-03-01&m_betreuungsart=tagespflege',
    '/kommune/musterstadt/daten/betreuungsquote_u3?lang=en',
    '/kommune/musterstadt/daten/bevoelkerung_altersgruppen',
    '/kommune/musterstadt/gebiete/01',
    '/kommune/musterstadt/wegweiser?sortierung=entfernung&von=01',
  ];
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    for (const url of urls) {
      await page.goto(url);
      await expectNoAxeViolations(page, `${url} at ${width} px`);
    }
  }
});
