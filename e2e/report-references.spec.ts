import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, signIn } from './helpers';

/*
 * Reference values in a chart block: the editor chooses the municipality as a whole as reference area for
 * a chart by district; the chart names it in its description and the table lists its values as
 * „Vergleichswert“. The page passes axe.
 */

const TITLE = 'Vergleichsbericht E2E';
const POPULATION = 'Bevölkerung nach Altersgruppen';

test('a chart block compares with a chosen reference area', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.admin);
  await page.goto('/app/t/musterstadt/berichte');
  await page.getByLabel('Titel', { exact: true }).fill(TITLE);
  await page.getByLabel('Berichtszeitraum').fill('2026');
  await page.getByRole('button', { name: 'Bericht anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

  const chapter = page.getByRole('region', { name: '1 Rahmenbedingungen' });
  await chapter.getByText('Baustein anfügen', { exact: true }).first().click();
  await chapter.getByLabel('Art des Bausteins').selectOption({ label: 'Indikator-Diagramm (mit Tabelle)' });
  await chapter.getByLabel('Indikator', { exact: true }).selectOption({ label: POPULATION });
  await chapter.getByLabel('Darstellung').selectOption({ label: 'Zeitreihe nach Gebiet' });
  const refs = chapter.getByRole('group', { name: 'Vergleichswerte (Referenzgebiete)' }).first();
  await refs.getByRole('checkbox', { name: 'Musterstadt' }).check();
  await expectNoAxeViolations(page, 'Diagramm mit Vergleichsgebiet anlegen');
  await chapter.getByRole('button', { name: 'Baustein anfügen' }).click();

  const table = chapter.getByRole('table', { name: /Werte: Bevölkerung/ });
  await expect(table.getByRole('rowheader', { name: 'Musterstadt (Vergleichswert)' })).toBeVisible();
  const chart = chapter.getByRole('img', { name: /Abbildung: Bevölkerung/ });
  await expect
    .poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(100);
  // The block's own form shows the chosen area, and removing it takes the row away.
  const own = chapter.getByRole('article').getByRole('group', { name: 'Vergleichswerte (Referenzgebiete)' });
  await expect(own.getByRole('checkbox', { name: 'Musterstadt' })).toBeChecked();
  await expectNoAxeViolations(page, 'Diagramm mit Vergleichswert');
  await own.getByRole('checkbox', { name: 'Musterstadt' }).uncheck();
  await chapter.getByRole('button', { name: 'Vergleichswerte übernehmen' }).click();
  await expect(table.getByRole('rowheader', { name: 'Musterstadt (Vergleichswert)' })).toHaveCount(0);
});
