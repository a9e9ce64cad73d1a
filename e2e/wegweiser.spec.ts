import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

/*
 * Bildungswegweiser: a citizen finds an offer by search and filter and opens it, and downloads a
 * published indicator — all without JavaScript; the Bildungsbüro adds a place and imports a list in
 * the workbench. axe on every page at 1280 and 320 px.
 */

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('find an offer by search and filter, open it', async ({ page }) => {
    await page.goto('/kommune/musterstadt');
    await page.getByRole('link', { name: /^Bildungswegweiser/ }).click();
    await expect(page).toHaveURL(/\/kommune\/musterstadt\/wegweiser$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bildungswegweiser');

    await page.getByLabel('Suchbegriff (z. B. Sprachkurs, Kita, Beratung)').fill('Sprachkurs');
    await page.getByText('Filter', { exact: true }).click();
    await page
      .getByRole('group', { name: 'Bildungsbereich' })
      .getByRole('checkbox', { name: /^Weiterbildung/ })
      .check();
    await page.getByRole('button', { name: 'Filter anwenden' }).click();
    await expect(page).toHaveURL(/\?q=Sprachkurs&kategorie=weiterbildung$/);
    await expect(page.getByRole('heading', { name: '2 Treffer' })).toBeVisible();
    const hits = page.getByRole('list', { name: '2 Treffer' });
    await expect(hits.getByRole('link')).toHaveText([
      'Deutschsprachkurs A1 am Vormittag',
      'Sprachkurse Englisch für Einsteiger',
    ]);
    // The map shows the same hits as the list.
    await expect(page.getByRole('img', { name: 'Karte mit 2 Treffern und den Stadtteilen' })).toBeVisible();

    await hits.getByRole('link', { name: 'Deutschsprachkurs A1 am Vormittag' }).click();
    await expect(page).toHaveURL(/\/wegweiser\/deutschsprachkurs-a1-am-vormittag$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deutschsprachkurs A1 am Vormittag');
    await expect(
      page.getByRole('definition').filter({ hasText: 'Ermäßigung möglich (120,00 €)' }),
    ).toBeVisible();
    expect(await page.locator('script:not([type="application/ld+json"])').count()).toBe(0);
  });

  test('filter by the date facet (dated offers from today), then any date again', async ({ page }) => {
    await page.goto('/kommune/musterstadt/wegweiser');
    const all = await page.locator('#treffer').textContent();
    await page.getByText('Filter', { exact: true }).click();
    const dates = page.getByRole('group', { name: 'Termine ab heute' });
    await expect(dates).toContainText('Orte und Angebote ohne Termine werden dann nicht gezeigt');
    const quarter = dates.getByRole('radio', { name: /^nächste 3 Monate \(\d+\)$/ });
    const n = /\((\d+)\)/.exec((await quarter.locator('xpath=..').textContent()) ?? '')![1]!;
    await quarter.check();
    await page.getByRole('button', { name: 'Filter anwenden' }).click();
    await expect(page).toHaveURL(/[?&]zeitraum=quartal(&|$)/);
    await expect(page.getByRole('heading', { name: n === '1' ? '1 Treffer' : `${n} Treffer` })).toBeVisible();
    await expect(page.getByRole('radio', { name: /^nächste 3 Monate/ })).toBeChecked();
    // No place (no dates) among the hits.
    await expect(page.getByRole('link', { name: 'Volkshochschule Musterstadt' })).toHaveCount(0);
    // The filters stay open while one is chosen.
    await page.getByRole('radio', { name: 'beliebig, auch ohne Termin' }).check();
    await page.getByRole('button', { name: 'Filter anwenden' }).click();
    await expect(page.getByRole('heading', { name: all! })).toBeVisible();
  });

  test('open the open data page and download a published indicator as CSV', async ({ page }) => {
    await page.goto('/kommune/musterstadt');
    await page.getByRole('link', { name: /^Offene Daten/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offene Daten');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'CSV Bevölkerung nach Altersgruppen' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('bevoelkerung_altersgruppen_alle_werte_oeffentlich.csv');
    const text = (await (await file.createReadStream()).toArray()).map(String).join('');
    expect(text).toContain('# Öffentliche Fassung');
    expect(text).toMatch(/indicator;area;area_name;period;altersgruppe;value;flag/);
  });
});

// axe needs a script in the page: the same pages, scanned with JavaScript on (they have none of their own).
test('axe finds nothing on the public Wegweiser and open data pages at 1280 and 320 px', async ({ page }) => {
  const pages = [
    '/kommune/musterstadt/wegweiser',
    '/kommune/musterstadt/wegweiser?q=Sprachkurs&kategorie=weiterbildung',
    '/kommune/musterstadt/wegweiser?seite=2',
    '/kommune/musterstadt/wegweiser?zeitraum=quartal',
    '/kommune/musterstadt/wegweiser?adresse=Altstadt',
    '/kommune/musterstadt/wegweiser?adresse=Unter%20den%20Linden%201',
    '/kommune/musterstadt/wegweiser/deutschsprachkurs-a1-am-vormittag',
    '/kommune/musterstadt/wegweiser/volkshochschule-musterstadt',
    '/kommune/musterstadt/daten',
  ];
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 800 });
    for (const url of pages) {
      await page.goto(url);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(width);
      await expectNoAxeViolations(page, `${url} (${width} px)`);
    }
  }
});

test('the Bildungsbüro adds a place and imports a list in the workbench', async ({ page }) => {
  await signIn(page, { email: 'redaktion@musterstadt.example', password: 'redaktion-demo-passwort' });
  await page.goto('/app/t/musterstadt/wegweiser');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bildungswegweiser');
  await expect(page.getByRole('table', { name: /Einträge/ })).toContainText('Volkshochschule Musterstadt');
  await expectNoAxeViolations(page, 'Arbeitsbereich Wegweiser');

  // A form with missing fields names them.
  const place = page.getByRole('region', { name: 'Neuen Ort anlegen' });
  await place.getByRole('button', { name: 'Ort anlegen' }).click();
  await expect(place.getByText('Bitte „Name“ ausfüllen.')).toBeVisible();
  await expect(place.getByLabel('Name', { exact: true })).toBeFocused();
  await place.getByLabel('Name', { exact: true }).fill('Repair-Café Lindenhof');
  await place.getByLabel('Art des Ortes').selectOption('sonstiger_ort');
  await place.getByLabel('Non-formale Bildung').check();
  await place.getByLabel('Straße und Hausnummer').fill('Lindenstraße 12');
  await place.getByLabel('Postleitzahl').fill('39103');
  await place.getByRole('button', { name: 'Ort anlegen' }).click();
  await expect(place.getByRole('status')).toHaveText('„Repair-Café Lindenhof“ wurde angelegt.');
  await expect(page.getByRole('table', { name: /Einträge/ })).toContainText('Repair-Café Lindenhof');

  // An offer with a price and a first date.
  const offer = page.getByRole('region', { name: 'Neues Angebot anlegen' });
  await offer.getByLabel('Titel').fill('Nähcafé für Anfängerinnen');
  await offer.getByLabel('Weiterbildung', { exact: true }).check();
  await offer.getByLabel('Kosten').selectOption('kostenpflichtig');
  await offer.getByLabel('Preis in Euro').fill('8,50');
  await offer.getByRole('button', { name: 'Angebot anlegen' }).click();
  await expect(offer.getByRole('status')).toHaveText('„Nähcafé für Anfängerinnen“ wurde angelegt.');
  await expect(page.getByRole('table', { name: /Einträge/ })).toContainText('Nähcafé für Anfängerinnen');

  // Import: a dry run reports each refused row with line and column; then the rest is taken.
  const csv = [
    'id,name,phone_number,places,type,sponsor_id,sponsor_name,street,zip_code,lat,lon,geojson_feature_id',
    '1,Kita Importweg,,40,Reguläre Einrichtung,1,Träger,Importweg 1,39101,,,x',
    '2,Kita Ohne Zahl,,viele,Reguläre Einrichtung,1,Träger,Importweg 2,39101,,,x',
  ].join('\n');
  await page
    .getByLabel('Datei (CSV, GeoJSON oder Excel)')
    .setInputFiles({ name: 'kitas.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Probelauf' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Probelauf: 2 Zeilen, 1 würden übernommen' }),
  ).toBeVisible();
  const problems = page.getByRole('table', { name: 'Abgelehnte und doppelte Zeilen' });
  await expect(problems.getByRole('row').nth(1)).toContainText('3places');
  await expectNoAxeViolations(page, 'Arbeitsbereich Wegweiser nach Probelauf');
  await page.getByRole('button', { name: 'Übernehmen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Import: 2 Zeilen, 1 übernommen' })).toBeVisible();
  await expect(page.getByRole('table', { name: /Einträge/ })).toContainText('Kita Importweg');
});
