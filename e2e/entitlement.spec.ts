import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, signIn } from './helpers';

/*
 * Rechtsanspruch & Plätze in Musterstadt: set up a scenario, see the gap map and the tables, change the
 * demand share and see the plan recomputed, download the planning table. The spec changes only the
 * scenario it creates itself.
 */
const PAGE = '/app/t/musterstadt/rechtsanspruch';

test('entitlement plan: scenario, gap map and table, demand share, XLSX export', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto(PAGE);
  await expect(page.getByRole('heading', { level: 1, name: 'Rechtsanspruch & Plätze' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Rechtsanspruch & Plätze' }).first()).toBeVisible();
  await expect(page.getByTestId('ent-bars')).toBeVisible();
  await expect(page.getByTestId('ent-map').locator('path').first()).toBeAttached();
  const units = page.getByRole('table', { name: /Ganztag Grundschule im Schuljahr 2026\/27/ });
  await expect(units.getByRole('row')).toHaveCount(9);
  await expectNoAxeViolations(page, 'Rechtsanspruch & Plätze');

  // Set up a scenario with its assumptions.
  const name = `E2E ${Date.now().toString(36)}`;
  await page.getByText('Neues Szenario').click();
  const create = page.locator('details', { hasText: 'Neues Szenario' });
  await create.getByLabel('Name').fill(name);
  await create.getByLabel('Anteil Ganztag (Eltern, die einen Platz wollen)').fill('60');
  await create.getByLabel('Förderschul-Anteil (Grundschulen)').fill('4,5');
  await create.getByRole('button', { name: 'Szenario anlegen' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Szenario „${name}“ angelegt.` })).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Szenarien und Annahmen' }).getByRole('row', { name }),
  ).toContainText('4,5 %');

  // Select it: Ganztag only (no Kita assumption), the city total for 2029/30.
  await page.getByLabel('Szenario', { exact: true }).selectOption({ label: name });
  await expect(page.getByLabel('Bereich')).toHaveValue('ganztag');
  const totals = page.getByRole('table', { name: new RegExp(`Stadt insgesamt, Szenario „${name}“`) });
  const demand2029 = async () =>
    Number(
      (
        await totals
          .getByRole('row', { name: /^2029\/30/ })
          .getByRole('cell')
          .nth(1)
          .innerText()
      ).replace(/\./g, ''),
    );
  const before = await demand2029();
  expect(before).toBeGreaterThan(0);

  // Change the demand share from 60 % to 90 %: the demand grows by half.
  await page.getByText(`Annahmen von „${name}“ ändern`).click();
  const edit = page.locator('details', { hasText: `Annahmen von „${name}“ ändern` });
  await edit.getByLabel('Anteil Ganztag (Eltern, die einen Platz wollen)').fill('90');
  await edit.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Szenario „${name}“ gespeichert.` })).toBeVisible();
  await expect.poll(demand2029).toBeGreaterThan(before);
  expect(Math.abs((await demand2029()) - before * 1.5)).toBeLessThanOrEqual(2);

  // A percent outside 0–100 is refused at the field.
  await edit.getByLabel('Anteil Ganztag (Eltern, die einen Platz wollen)').fill('120');
  await edit.getByRole('button', { name: 'Speichern' }).click();
  await expect(edit.getByText('bitte eine Zahl von 0 bis 100 eingeben')).toBeVisible();

  // What if an expansion slips a year?
  await page
    .getByRole('button', { name: /Auswirkung, wenn er ein Jahr später kommt/ })
    .first()
    .click();
  await expect(page.getByRole('table', { name: /ein Jahr später kommt/ })).toBeVisible();
  await expectNoAxeViolations(page, 'Rechtsanspruch & Plätze nach Änderungen');

  // Export XLSX.
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: /Excel \(XLSX/ }).click();
  expect((await download).suggestedFilename()).toMatch(/^Rechtsanspruch_Plaetze_\d{4}-\d{2}-\d{2}\.xlsx$/);

  // The planning report as PDF.
  const report = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Planungsbericht für die Ausschüsse (PDF)' }).click();
  const pdf = await report;
  expect(pdf.suggestedFilename()).toMatch(/^Rechtsanspruch_Plaetze_\d{4}-\d{2}-\d{2}\.pdf$/);
  const bytes = fs.readFileSync((await pdf.path())!);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // The same report as DOCX for the committee papers.
  const word = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Planungsbericht für die Ausschüsse (Word, DOCX)' }).click();
  const docx = await word;
  expect(docx.suggestedFilename()).toMatch(/^Rechtsanspruch_Plaetze_\d{4}-\d{2}-\d{2}\.docx$/);
  expect(
    fs
      .readFileSync((await docx.path())!)
      .subarray(0, 2)
      .toString('latin1'),
  ).toBe('PK');
});

test('entitlement plan: a viewer sees the plan without edit forms', async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await page.goto(PAGE);
  await expect(page.getByRole('table', { name: /Stadt insgesamt, Szenario „Bedarf 70 %“/ })).toBeVisible();
  await expect(page.getByText('Neues Szenario')).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Ausbau planen' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Löschen/ })).toHaveCount(0);
  await page.getByLabel('Bereich').selectOption('kita');
  await expect(
    page.getByRole('table', { name: /Kita gesamt im Schuljahr 2026\/27/ }).getByRole('row'),
  ).toHaveCount(13);
  await expectNoAxeViolations(page, 'Rechtsanspruch & Plätze (Lesende)');
});

test('entitlement data: create, change and delete a planning unit, its places and an expansion', async ({
  page,
}) => {
  await signIn(page, DEMO.admin);
  await page.goto(PAGE);
  const tag = Date.now().toString(36);
  const unitName = `E2E-Sozialraum ${tag}`;
  const status = (text: string) => page.getByRole('status').filter({ hasText: text });

  // A Sozialraum on the Schulbezirk of the first Grundschule (only a Grundschule counts there so far).
  const newUnit = page.getByRole('form', { name: 'Neue Planungseinheit' });
  await newUnit.getByLabel('Name').fill(unitName);
  await newUnit.getByLabel('Art').selectOption({ label: 'Sozialraum' });
  const area = (await newUnit.locator('option', { hasText: '(GS01)' }).textContent())!;
  await newUnit.getByLabel(/^Raumeinheit/).selectOption({ label: area });
  await newUnit.getByRole('button', { name: 'Planungseinheit anlegen' }).click();
  await expect(status(`Planungseinheit „${unitName}“ angelegt.`)).toBeVisible();
  const units = page.getByRole('table', { name: 'Grundschulen und Sozialräume mit ihrer Raumeinheit' });
  await expect(units.getByRole('row', { name: new RegExp(unitName) })).toContainText(area);

  // Rename it: the form opens with its heading focused.
  await page.getByRole('button', { name: `Ändern ${unitName}` }).click();
  await expect(page.getByRole('heading', { name: `Planungseinheit „${unitName}“ ändern` })).toBeFocused();
  const renamed = `${unitName} Nord`;
  const editUnit = page.getByRole('form', { name: `Planungseinheit „${unitName}“ ändern` });
  await editUnit.getByLabel('Name').fill(renamed);
  await editUnit.getByRole('button', { name: 'Speichern' }).click();
  await expect(status(`Planungseinheit „${renamed}“ gespeichert.`)).toBeVisible();

  // Places: German thousands separator in the field; a wrong number is refused at the field.
  const newPlaces = page.getByRole('form', { name: 'Platzbestand erfassen' });
  await newPlaces.getByLabel('Planungseinheit').selectOption({ label: renamed });
  await newPlaces.getByLabel('Platzart').selectOption({ label: 'Kita' });
  await newPlaces.getByLabel('Plätze').fill('viele');
  await newPlaces.getByRole('button', { name: 'Platzbestand speichern' }).click();
  await expect(newPlaces.getByText('„Plätze“: bitte eine Zahl eingeben')).toBeVisible();
  await expect(newPlaces.getByLabel('Plätze')).toBeFocused();
  await newPlaces.getByLabel('Plätze').fill('1.234');
  await newPlaces.getByRole('button', { name: 'Platzbestand speichern' }).click();
  await expect(status('Platzbestand gespeichert.')).toBeVisible();
  const places = page.getByRole('table', { name: 'Vorhandene Plätze je Planungseinheit und Platzart' });
  const placesRow = places.getByRole('row', { name: new RegExp(renamed) });
  await expect(placesRow).toContainText('1.234');
  await expectNoAxeViolations(page, 'Rechtsanspruch & Plätze: Planungsdaten');

  await page.getByRole('button', { name: `Ändern ${renamed}, Kita` }).click();
  const editPlaces = page.getByRole('form', { name: `Platzbestand Kita in „${renamed}“ ändern` });
  await editPlaces.getByLabel('Plätze').fill('40');
  await editPlaces.getByLabel('ab Schuljahr').selectOption({ label: '2027/28' });
  await editPlaces.getByRole('button', { name: 'Speichern' }).click();
  await expect(status('Platzbestand gespeichert.')).toBeVisible();
  await expect(placesRow).toContainText('40');
  await expect(placesRow).toContainText('2027/28');

  // A planned expansion with funding, moved a year later, then deleted after confirmation.
  const newExpansion = page.getByRole('form', { name: 'Ausbau planen' });
  await newExpansion.getByLabel('Planungseinheit').selectOption({ label: renamed });
  await newExpansion.getByLabel('Platzart').selectOption({ label: 'Kita' });
  await newExpansion.getByLabel('Plätze').fill('25');
  await newExpansion.getByLabel('ab Schuljahr').selectOption({ label: '2028/29' });
  await newExpansion.getByLabel('Förderprogramm').fill('E2E-Programm');
  await newExpansion.getByLabel('Betrag').fill('1.200.000');
  await newExpansion.getByRole('button', { name: 'Ausbau speichern' }).click();
  await expect(status('Ausbau gespeichert.')).toBeVisible();
  const expansions = page.getByRole('table', { name: 'Ausbauvorhaben mit Förderung' });
  const expansionRow = expansions.getByRole('row', { name: new RegExp(renamed) });
  await expect(expansionRow).toContainText('1.200.000');
  await expect(expansionRow).toContainText('2028/29');
  await page.getByRole('button', { name: `Ändern ${renamed}, 2028/29` }).click();
  const editExpansion = page.getByRole('form', { name: `Ausbau in „${renamed}“ ändern` });
  await editExpansion.getByLabel('ab Schuljahr').selectOption({ label: '2029/30' });
  await editExpansion.getByRole('button', { name: 'Speichern' }).click();
  await expect(status('Ausbau gespeichert.')).toBeVisible();
  await expect(expansionRow).toContainText('2029/30');
  await page.getByRole('button', { name: `Löschen ${renamed}, 2029/30` }).click();
  await expect(page.getByText(`Ausbau in „${renamed}“ löschen?`)).toBeVisible();
  await expectNoAxeViolations(page, 'Rechtsanspruch & Plätze: Löschen bestätigen');
  await page.getByRole('button', { name: 'Ja, löschen' }).click();
  await expect(status('Ausbau gelöscht.')).toBeVisible();
  await expect(expansionRow).toHaveCount(0);

  // Deleting the unit asks first, cancelling keeps it; confirmed, its places go with it.
  await page.getByRole('button', { name: `Löschen ${renamed}`, exact: true }).click();
  await page.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(units.getByRole('row', { name: new RegExp(renamed) })).toHaveCount(1);
  await page.getByRole('button', { name: `Löschen ${renamed}`, exact: true }).click();
  await expect(
    page.getByText(`Planungseinheit „${renamed}“ mit ihrem Platzbestand und Ausbau löschen?`),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Ja, löschen' }).click();
  await expect(status(`Planungseinheit „${renamed}“ gelöscht.`)).toBeVisible();
  await expect(units.getByRole('row', { name: new RegExp(renamed) })).toHaveCount(0);
  await expect(placesRow).toHaveCount(0);
});

test('entitlement pupils: a CSV of the school statistics takes precedence, then deleted', async ({
  page,
}) => {
  await signIn(page, DEMO.admin);
  await page.goto(PAGE);
  await expect(page.getByText('Keine Schülerzahlen hinterlegt')).toBeVisible();
  const form = page.getByRole('form', { name: 'Schülerzahlen importieren' });
  // Without a file the field says so.
  await form.getByRole('button', { name: 'Schülerzahlen importieren' }).click();
  await expect(form.getByText('Bitte eine CSV-Datei wählen.')).toBeVisible();
  // A wrong grade: nothing imported, the message names line and column.
  const upload = (csv: string) =>
    form.getByLabel('CSV-Datei mit Schülerzahlen').setInputFiles({
      name: 'schuelerzahlen.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
  await upload('Planungseinheit;Schuljahr;Klassenstufe;Schüler\nGS01;2026/27;9;50\n');
  await form.getByRole('button', { name: 'Schülerzahlen importieren' }).click();
  await expect(form.getByText(/Zeile 2, Spalte „Klassenstufe“/)).toBeVisible();
  await upload('Planungseinheit;Schuljahr;Klassenstufe;Schüler\nGS01;2026/27;1;50\nGS01;2026/27;2;1.001\n');
  await form.getByRole('button', { name: 'Schülerzahlen importieren' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 Schülerzahlen importiert.' })).toBeVisible();
  const pupils = page.getByRole('table', { name: 'Schülerzahlen je Grundschule und Schuljahr' });
  const school = (await pupils.getByRole('row').nth(1).getByRole('rowheader').innerText()).trim();
  await expect(pupils.getByRole('row', { name: new RegExp(school) })).toContainText('1.001');
  // In 2026/27 only grade 1 is entitled: the school's entitled children are its 50 first-graders.
  const plan = page.getByRole('table', { name: /Ganztag Grundschule im Schuljahr 2026\/27/ });
  await expect(
    plan
      .getByRole('row', { name: new RegExp(`^${school}`) })
      .getByRole('cell')
      .first(),
  ).toHaveText('50');
  await expectNoAxeViolations(page, 'Rechtsanspruch & Plätze: Schülerzahlen');
  await page.getByRole('button', { name: 'Alle Schülerzahlen löschen' }).click();
  await page.getByRole('button', { name: 'Ja, löschen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Schülerzahlen gelöscht.' })).toBeVisible();
  await expect(page.getByText('Keine Schülerzahlen hinterlegt')).toBeVisible();
  await expect(
    plan
      .getByRole('row', { name: new RegExp(`^${school}`) })
      .getByRole('cell')
      .first(),
  ).not.toHaveText('50');
});

test('entitlement indicators: the Versorgungsquote is saved into the monitoring', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto(PAGE);
  await page.getByLabel('Szenario', { exact: true }).selectOption({ label: 'Bedarf 70 %' });
  await expect(page.getByText('des Szenarios „Bedarf 70 %“ je Planungseinheit')).toBeVisible();
  await page.getByRole('button', { name: 'Als Indikatoren speichern' }).click();
  await expect(
    page.getByRole('status').filter({
      hasText: 'Gespeichert: Versorgungsquote Ganztag (80 Werte), Versorgungsquote Kita (120 Werte).',
    }),
  ).toBeVisible();
  await expectNoAxeViolations(page, 'Rechtsanspruch & Plätze: im Monitoring gespeichert');
  await page.goto('/app/t/musterstadt/monitoring');
  await page.getByRole('link', { name: 'Versorgungsquote Ganztag' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Versorgungsquote Ganztag/ })).toBeVisible();
});

test('entitlement: per-unit demand share, published summary on the portal without JavaScript', async ({
  page,
  browser,
}) => {
  // The portal page now holds the demo's published scenario as well: two axe scans of a long page.
  test.slow();
  await signIn(page, DEMO.admin);
  await page.goto(PAGE);
  const name = `E2E Portal ${Date.now().toString(36)}`;
  const share = 'Anteil Ganztag (Eltern, die einen Platz wollen)';
  const units = page.getByRole('table', { name: /Ganztag Grundschule im Schuljahr 2026\/27/ });
  const school = (await units.getByRole('row').nth(1).getByRole('rowheader').innerText()).trim();

  // A scenario with 50 % and 100 % for one school, shown on the portal.
  await page.getByText('Neues Szenario').click();
  const create = page.locator('details', { hasText: 'Neues Szenario' });
  await create.getByLabel('Name').fill(name);
  await create.getByLabel(share, { exact: true }).fill('50');
  await create.getByText('Abweichende Anteile je Planungseinheit').click();
  await create.getByLabel(`Anteil Ganztag – ${school}`).fill('100');
  await create.getByLabel('Auf dem öffentlichen Portal zeigen').check();
  await create.getByRole('button', { name: 'Szenario anlegen' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Szenario „${name}“ angelegt.` })).toBeVisible();
  const row = page.getByRole('table', { name: 'Szenarien und Annahmen' }).getByRole('row', { name: name });
  await expect(row).toContainText('1 Planungseinheit mit eigenem Anteil');
  await expect(row).toContainText('veröffentlicht');

  // From 2029/30 (all four grades entitled) the school's demand is all its entitled children; another
  // school's is half of them.
  await page.getByLabel('Szenario', { exact: true }).selectOption({ label: name });
  await page.getByLabel('Schuljahr', { exact: true }).selectOption({ label: '2029/30' });
  const units2029 = page.getByRole('table', { name: /Ganztag Grundschule im Schuljahr 2029\/30/ });
  const cells = async (unit: RegExp) =>
    (await units2029.getByRole('row', { name: unit }).getByRole('cell').allInnerTexts()).map((v) =>
      Number(v.replace(/\./g, '').replace(',', '.')),
    );
  await expect.poll(async () => (await cells(new RegExp(`^${school}`)))[1]).toBeGreaterThan(0);
  const own = await cells(new RegExp(`^${school}`));
  expect(own[1]).toBe(own[0]);
  const other = (await units2029.getByRole('rowheader').allInnerTexts())
    .map((v) => v.trim())
    .find((v) => v !== school)!;
  const half = await cells(new RegExp(`^${other}`));
  expect(Math.abs(half[1]! - half[0]! / 2)).toBeLessThanOrEqual(1);
  await expectNoAxeViolations(page, 'Rechtsanspruch & Plätze: eigene Anteile');

  // The portal, without JavaScript: linked from the start page, city total and a table per unit.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const portal = await context.newPage();
  await portal.goto('/kommune/musterstadt');
  await portal.getByRole('link', { name: 'Rechtsanspruch auf Ganztag und Kita: Plätze und Bedarf' }).click();
  await expect(
    portal.getByRole('heading', { level: 1, name: 'Rechtsanspruch: Plätze und Bedarf' }),
  ).toBeVisible();
  await expect(portal.getByText(name).first()).toBeVisible();
  const total = portal.getByRole('table', { name: 'Ganztag in der Grundschule: Gesamte Kommune' }).first();
  await expect(total.getByRole('row', { name: /^2029\/30/ })).toContainText(/\d\.\d{3}/);
  await expect(
    portal.getByRole('table', { name: `Ganztag in der Grundschule: ${school}` }).first(),
  ).toBeVisible();
  const url = portal.url();
  await context.close();
  // axe needs a script in the page: the same address in a context with JavaScript, wide and narrow.
  const scanner = await browser.newContext();
  const scan = await scanner.newPage();
  await scan.setViewportSize({ width: 1280, height: 900 });
  await scan.goto(url);
  await expectNoAxeViolations(scan, 'öffentliche Seite Rechtsanspruch (1280 px)');
  await scan.setViewportSize({ width: 320, height: 640 });
  await scan.goto(url);
  expect(await scan.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectNoAxeViolations(scan, 'öffentliche Seite Rechtsanspruch (320 px)');
  await scanner.close();

  // Unpublished again: the link and the page are gone.
  await page.getByText(`Annahmen von „${name}“ ändern`).click();
  const edit = page.locator('details', { hasText: `Annahmen von „${name}“ ändern` });
  await edit.getByLabel('Auf dem öffentlichen Portal zeigen').uncheck();
  await edit.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Szenario „${name}“ gespeichert.` })).toBeVisible();
  // The demo's own published scenario keeps the page; the unpublished one is gone from it.
  const after = await page.goto(url);
  expect(after?.status()).toBe(200);
  await expect(page.getByText('Bedarf 70 %').first()).toBeVisible();
  await expect(page.getByText(name)).toHaveCount(0);
});

test('entitlement: Wanderungssaldo for the city and for one school, signed in German format', async ({
  page,
}) => {
  await signIn(page, DEMO.admin);
  await page.goto(PAGE);
  const name = `E2E Wanderung ${Date.now().toString(36)}`;
  const units = page.getByRole('table', { name: /Ganztag Grundschule im Schuljahr 2026\/27/ });
  const school = (await units.getByRole('row').nth(1).getByRole('rowheader').innerText()).trim();
  const other = (await units.getByRole('row').nth(2).getByRole('rowheader').innerText()).trim();
  const global = 'Wanderungssaldo je Jahr in % (Zuzug minus Wegzug)';

  // A scenario without migration first: its entitled children are the reference.
  await page.getByText('Neues Szenario').click();
  const create = page.locator('details', { hasText: 'Neues Szenario' });
  await create.getByLabel('Name').fill(name);
  await create.getByLabel('Anteil Ganztag (Eltern, die einen Platz wollen)').fill('80');
  await create.getByRole('button', { name: 'Szenario anlegen' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Szenario „${name}“ angelegt.` })).toBeVisible();
  await page.getByLabel('Szenario', { exact: true }).selectOption({ label: name });
  await page.getByLabel('Schuljahr', { exact: true }).selectOption({ label: '2029/30' });
  const units2029 = page.getByRole('table', { name: /Ganztag Grundschule im Schuljahr 2029\/30/ });
  const entitled = async (unit: string) =>
    Number(
      (
        await units2029
          .getByRole('row', { name: new RegExp(`^${unit}`) })
          .getByRole('cell')
          .first()
          .innerText()
      )
        .trim()
        .replace(/\./g, '')
        .replace(',', '.'),
    );
  await expect.poll(() => entitled(school)).toBeGreaterThan(0);
  const [schoolBefore, otherBefore] = [await entitled(school), await entitled(other)];

  // +2 % a year for the city, −1,5 % for one school; a value of −150 % is refused at the field.
  await page.getByText(`Annahmen von „${name}“ ändern`).click();
  const edit = page.locator('details', { hasText: `Annahmen von „${name}“ ändern` });
  await expect(edit.getByText('mit Vorzeichen: z. B. -1,5 bei Wegzug').first()).toBeVisible();
  await edit.getByLabel(global, { exact: true }).fill('-150');
  await edit.getByRole('button', { name: 'Speichern' }).click();
  await expect(edit.getByText(`„${global}“: bitte eine Zahl größer als -100`)).toBeVisible();
  await expect(edit.getByLabel(global, { exact: true })).toBeFocused();
  await edit.getByLabel(global, { exact: true }).fill('2');
  await edit.getByText('Abweichende Anteile je Planungseinheit').click();
  await edit.getByLabel(`Wanderungssaldo je Jahr in % – ${school}`, { exact: true }).fill('-1,5');
  await edit.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Szenario „${name}“ gespeichert.` })).toBeVisible();
  const row = page.getByRole('table', { name: 'Szenarien und Annahmen' }).getByRole('row', { name });
  await expect(row).toContainText('2\u00a0%');
  await expect(row).toContainText('1 Planungseinheit mit eigenem Anteil');

  // Population of 31.12.2024 aged to 2029/30: five yearly steps (2025 … 2029).
  await expect.poll(() => entitled(school)).not.toBe(schoolBefore);
  expect(Math.abs((await entitled(school)) - schoolBefore * 0.985 ** 5)).toBeLessThanOrEqual(1);
  expect(Math.abs((await entitled(other)) - otherBefore * 1.02 ** 5)).toBeLessThanOrEqual(1);
  // The form shows the saved values in German format again.
  await expect(edit.getByLabel(`Wanderungssaldo je Jahr in % – ${school}`, { exact: true })).toHaveValue(
    '-1,5',
  );
  await expectNoAxeViolations(page, 'Rechtsanspruch & Plätze: Wanderungssaldo');
});

test('entitlement settings: the Stichtag chosen in the form changes the entitled children', async ({
  page,
}) => {
  await signIn(page, DEMO.admin);
  await page.goto(PAGE);
  const units = page.getByRole('table', { name: /Ganztag Grundschule im Schuljahr 2026\/27/ });
  const entitled = async () =>
    (await units.getByRole('row').nth(1).getByRole('cell').first().innerText()).trim();
  const before = await entitled();
  expect(before).toMatch(/^\d/);

  const form = page.getByRole('form', { name: 'Planeinstellungen' });
  const cutoff = form.getByLabel('Stichtag der Einschulung');
  await expect(cutoff).toHaveValue('09-30');
  // A day that does not exist every year is refused at the field, which takes the focus.
  await cutoff.fill('29.02.');
  await form.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(form.getByText('„Stichtag der Einschulung“: bitte als MM-TT eingeben')).toBeVisible();
  await expect(cutoff).toBeFocused();

  // The Land preset sets its Stichtag: Baden-Württemberg, 30 June.
  await form
    .getByLabel('Land (Vorgabe für den Stichtag)')
    .selectOption({ label: 'Baden-Württemberg (30.06.)' });
  await expect(cutoff).toHaveValue('06-30');
  await form.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(form.getByRole('status')).toHaveText('Einstellungen gespeichert. Der Plan ist neu berechnet.');
  await expect.poll(entitled).not.toBe(before);
  await expectNoAxeViolations(page, 'Rechtsanspruch & Plätze: Planeinstellungen');

  // Back to 30 September, typed in German form: the plan returns to its numbers.
  await cutoff.fill('30.09.');
  await form.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(cutoff).toHaveValue('09-30');
  await expect.poll(entitled).toBe(before);
});

test('entitlement tables: expansions and scenarios fit their area at 1280 px, the page at 320 px', async ({
  page,
}) => {
  await signIn(page, DEMO.admin);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(PAGE);
  const region = page.getByRole('region', { name: 'Ausbauvorhaben mit Förderung' });
  await expect(region.getByRole('button', { name: /^Löschen/ }).first()).toBeVisible();
  const overflow = (name: string) =>
    page
      .locator('.table-scroll', { has: page.getByRole('table', { name, exact: true }) })
      .evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(await overflow('Ausbauvorhaben mit Förderung')).toBeLessThanOrEqual(0);
  // The scenario table with its five shares fits as well (short column heads).
  expect(await overflow('Szenarien und Annahmen')).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 320, height: 640 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});
