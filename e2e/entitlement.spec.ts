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
  await create.getByRole('button', { name: 'Szenario anlegen' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Szenario „${name}“ angelegt.` })).toBeVisible();

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
});

test('entitlement plan: a viewer sees the plan without edit forms', async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await page.goto(PAGE);
  await expect(page.getByRole('table', { name: /Stadt insgesamt, Szenario „Bedarf 70 %“/ })).toBeVisible();
  await expect(page.getByText('Neues Szenario')).toHaveCount(0);
  await page.getByLabel('Bereich').selectOption('kita');
  await expect(
    page.getByRole('table', { name: /Kita gesamt im Schuljahr 2026\/27/ }).getByRole('row'),
  ).toHaveCount(13);
  await expectNoAxeViolations(page, 'Rechtsanspruch & Plätze (Lesende)');
});
