import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, signIn } from './helpers';

/*
 * Chapter authors and review: the Redaktion names an author („Mitwirkende“) and a reviewer for a chapter;
 * the author finds it under „Meine Kapitel“, writes in it (and only in it) and gives it for review; the
 * reviewer marks it reviewed; the history names who did it. Every page passes axe.
 */

const EDITOR = { email: 'redaktion@musterstadt.example', password: 'redaktion-demo-passwort' };
const AUTHOR = { email: 'fachbereich@musterstadt.example', password: 'fachbereich-demo-passwort' };
const TITLE = 'Teambericht E2E';
let reportUrl = '';

test.describe.serial('chapter authors and review', () => {
  test('the Redaktion names author and reviewer of a chapter', async ({ page }) => {
    await signIn(page, DEMO.admin);
    await page.goto('/app/t/musterstadt/berichte');
    await page.getByLabel('Titel', { exact: true }).fill(TITLE);
    await page.getByLabel('Berichtszeitraum').fill('2026');
    await page.getByRole('button', { name: 'Bericht anlegen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    reportUrl = page.url();

    const chapter = page.getByRole('region', { name: '1 Rahmenbedingungen' });
    await chapter.getByText('Zuständigkeit und Prüfung', { exact: true }).click();
    await chapter.getByRole('checkbox', { name: 'Finn Fachbereich' }).check();
    await chapter.getByLabel('Prüferin oder Prüfer').selectOption({ label: 'Rita Redaktion' });
    await chapter.getByRole('button', { name: 'Zuständigkeit speichern' }).click();
    await expect(chapter.getByRole('definition').filter({ hasText: 'Finn Fachbereich' })).toBeVisible();
    await expect(chapter.getByRole('definition').filter({ hasText: 'Rita Redaktion' })).toBeVisible();
    await expect(chapter.getByRole('definition').filter({ hasText: 'in Arbeit' })).toBeVisible();
    await expectNoAxeViolations(page, 'Bericht mit Zuständigkeit');
  });

  test('the author writes in her chapter only and gives it for review', async ({ page }) => {
    await signIn(page, AUTHOR);
    await page.goto('/app/t/musterstadt/berichte');
    const mine = page.getByRole('table', { name: 'Meine Kapitel' });
    await expect(mine).toContainText('Rahmenbedingungen');
    await expect(mine).toContainText(TITLE);
    await expectNoAxeViolations(page, 'Berichte mit Meine Kapitel');
    await mine.getByRole('link', { name: 'Rahmenbedingungen' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

    const chapter = page.getByRole('region', { name: '1 Rahmenbedingungen' });
    await chapter.getByText('Baustein anfügen', { exact: true }).first().click();
    await chapter.getByRole('textbox', { name: 'Text', exact: true }).fill('Text der Autorin zum Rahmen.');
    await chapter.getByRole('button', { name: 'Baustein anfügen' }).click();
    await expect(chapter.getByText('Text der Autorin zum Rahmen.')).toBeVisible();
    // Another chapter offers no writing to her.
    await expect(
      page.getByRole('region', { name: '2 Grundinformationen zu Bildung' }).getByText('Baustein anfügen'),
    ).toHaveCount(0);

    await chapter.getByRole('button', { name: 'Kapitel zur Prüfung geben' }).click();
    await expect(chapter.getByRole('definition').filter({ hasText: 'zur Prüfung' })).toBeVisible();
    await expect(chapter.getByRole('button', { name: 'Als geprüft markieren' })).toHaveCount(0);
    await expectNoAxeViolations(page, 'Kapitel der Autorin');
  });

  test('the reviewer marks it reviewed; the history names both', async ({ page }) => {
    await signIn(page, EDITOR);
    await page.goto(reportUrl);
    const chapter = page.getByRole('region', { name: '1 Rahmenbedingungen' });
    await chapter.getByRole('button', { name: 'Als geprüft markieren' }).click();
    await expect(chapter.getByRole('definition').filter({ hasText: 'geprüft' })).toBeVisible();
    await chapter.getByText('Änderungsverlauf des Kapitels', { exact: true }).click();
    await expect(chapter.getByText(/Rita Redaktion: Kapitel Prüfstatus geändert/)).toBeVisible();
    await expect(chapter.getByText(/Finn Fachbereich: Kapitel Prüfstatus geändert/)).toBeVisible();
    await expectNoAxeViolations(page, 'Verlauf mit Prüfstatus');
  });
});

test('a Datenblatt is created from chosen indicators', async ({ page }) => {
  await signIn(page, EDITOR);
  await page.goto('/app/t/musterstadt/berichte');
  await page.getByLabel('Titel', { exact: true }).fill('Datenblatt E2E');
  await page.getByLabel('Berichtszeitraum').fill('2026');
  await page.getByLabel('Vorlage').selectOption({ label: 'Datenblatt (Kennzahl und Tabelle je Indikator)' });
  const indicators = page.getByRole('group', { name: 'Indikatoren (1 bis 8)' });
  await indicators.getByRole('checkbox').first().check();
  await expectNoAxeViolations(page, 'Bericht anlegen: Datenblatt');
  await page.getByRole('button', { name: 'Bericht anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Datenblatt E2E' })).toBeVisible();
  const chapter = page.getByRole('region', { name: '1 Daten' });
  await expect(chapter.getByRole('article', { name: /^Kennzahl/ })).toHaveCount(1);
  await expect(chapter.getByRole('table', { name: /^Werte:/ }).first()).toBeVisible();
});
