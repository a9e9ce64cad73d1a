import { expect, test, type Browser } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

/*
 * Bildungskonferenz end to end: the editor creates a conference with a workshop of one place; two people
 * register on the portal WITHOUT JavaScript (the second lands on the waiting list); the first cancels by
 * her personal link and the second moves up; the editor sees the list and exports it. axe on every page.
 */

const REDAKTION = { email: 'redaktion@musterstadt.example', password: 'redaktion-demo-passwort' };
const suffix = String(Date.now() % 1_000_000);
const TITLE = `Fachtag Übergänge ${suffix}`;
const SLUG = `fachtag-${suffix}`;
const APP = '/app/t/musterstadt/netzwerk/konferenzen';
const PUBLIC = `/kommune/musterstadt/konferenz/${SLUG}`;
/** The server refuses a form sent faster than a person can fill it (MIN_FILL_MS = 3 s). */
const TAKE_YOUR_TIME_MS = 3200;

test.describe.configure({ mode: 'serial' });

async function noJsPage(browser: Browser) {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'de-DE' });
  return { context, page: await context.newPage() };
}

test('the editor creates a Bildungskonferenz with a workshop', async ({ page }) => {
  await signIn(page, REDAKTION);
  await page.goto(APP);
  await expect(page.getByRole('heading', { level: 1, name: 'Bildungskonferenzen' })).toBeVisible();
  await expect(page.getByRole('table', { name: /Bildungskonferenzen/ })).toContainText('Übergänge gestalten');
  await expectNoAxeViolations(page, 'Bildungskonferenzen');

  await page.getByRole('button', { name: 'Bildungskonferenz anlegen' }).click();
  await expect(page.getByLabel('Titel', { exact: true })).toBeFocused();
  await page.getByLabel('Titel', { exact: true }).fill(TITLE);
  await page.getByLabel('Adresse im Portal').fill(SLUG);
  await page.getByLabel('Datum', { exact: true }).fill('2030-09-14');
  await page.getByLabel('Ort', { exact: true }).fill('Rathaus, Ratssaal');
  await page.getByLabel('Plätze insgesamt').fill('50');
  await page.getByLabel('Workshop 1: Titel').fill('Werkstatt Berufsorientierung');
  await page.getByLabel('Workshop 1: Plätze').fill('1');
  await page.getByRole('button', { name: 'Bildungskonferenz anlegen' }).click();
  await expect(page.getByRole('status')).toContainText('Die Bildungskonferenz ist angelegt.');
  await page.getByRole('link', { name: TITLE }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expect(page.getByRole('link', { name: PUBLIC })).toBeVisible();
  await expectNoAxeViolations(page, 'Bildungskonferenz');
});

test('two people register without JavaScript; a cancellation moves the waiting list up', async ({
  browser,
}) => {
  // axe needs a script in the page, which a context without JavaScript cannot run: the same pages are
  // scanned in a second context (they contain no script, so they render the same in both).
  const scanner = await browser.newContext({ locale: 'de-DE' });
  const scan = await scanner.newPage();
  await scan.goto(PUBLIC);
  await expect(scan.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await expectNoAxeViolations(scan, 'Anmeldeseite');
  // Sent empty: the error summary links to the fields.
  await scan.waitForTimeout(TAKE_YOUR_TIME_MS);
  await scan.getByRole('button', { name: 'Verbindlich anmelden' }).click();
  const alert = scan.getByRole('alert');
  await expect(alert).toContainText('Bitte geben Sie Ihren Namen an');
  await expect(alert).toContainText('Bitte willigen Sie');
  await expectNoAxeViolations(scan, 'Anmeldeseite mit Fehlern');

  const anna = await noJsPage(browser);
  await anna.page.goto(PUBLIC);
  await expect(anna.page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  expect(await anna.page.locator('script').count()).toBe(0);
  await anna.page.getByLabel('Vor- und Nachname').fill('Anna Anmeldung');
  await anna.page.getByLabel('E-Mail-Adresse').fill('anna@beispiel.example');
  await anna.page.getByLabel(/Werkstatt Berufsorientierung/).check();
  await anna.page.getByLabel('Ich willige in die Verarbeitung').check();
  await anna.page.waitForTimeout(TAKE_YOUR_TIME_MS);
  await anna.page.getByRole('button', { name: 'Verbindlich anmelden' }).click();
  await expect(anna.page.getByRole('status')).toContainText('Sie sind angemeldet.');
  await expect(anna.page).toHaveURL(/\/konferenz-anmeldung\//);
  await scan.goto(new URL(anna.page.url()).pathname);
  await expect(scan.getByRole('status')).toContainText('Sie sind angemeldet.');
  // The page is the confirmation: number, what was booked, calendar file; no e-mail is promised.
  await expect(scan.getByText(/^A-[0-9A-F]{8}$/)).toBeVisible();
  await expect(
    scan.getByText('eine Bestätigung per E-Mail wird nicht verschickt', { exact: false }),
  ).toBeVisible();
  const ics = await scan.request.get(
    (await scan
      .getByRole('link', { name: 'Termin für den Kalender herunterladen (.ics)' })
      .getAttribute('href'))!,
  );
  expect(ics.headers()['content-type']).toContain('text/calendar');
  expect(await ics.text()).toContain(`SUMMARY:${TITLE}`);
  await expectNoAxeViolations(scan, 'Persönliche Seite der Anmeldung');
  await scanner.close();

  const ben = await noJsPage(browser);
  await ben.page.goto(PUBLIC);
  await expect(ben.page.getByText('ausgebucht – Warteliste')).toBeVisible();
  await ben.page.getByLabel('Vor- und Nachname').fill('Ben Warteliste');
  await ben.page.getByLabel('E-Mail-Adresse').fill('ben@beispiel.example');
  await ben.page.getByLabel(/Werkstatt Berufsorientierung/).check();
  await ben.page.getByLabel('Ich willige in die Verarbeitung').check();
  await ben.page.waitForTimeout(TAKE_YOUR_TIME_MS);
  await ben.page.getByRole('button', { name: 'Verbindlich anmelden' }).click();
  await expect(ben.page.getByRole('status')).toContainText('Sie stehen auf der Warteliste.');
  await expect(ben.page.getByText(/^Platz 1 der Warteliste/)).toBeVisible();

  await anna.page.getByRole('button', { name: 'Von der Konferenz abmelden' }).click();
  await expect(anna.page.getByRole('status')).toContainText('Sie haben sich abgemeldet.');
  await ben.page.reload();
  await expect(ben.page.getByRole('status')).toContainText('Sie sind angemeldet.');
  await anna.context.close();
  await ben.context.close();
});

test('the editor sees the registrations and exports the participant list', async ({ page }) => {
  await signIn(page, REDAKTION);
  await page.goto(APP);
  await page.getByRole('link', { name: TITLE }).click();
  const table = page.getByRole('table', { name: /Anmeldungen \(2\)/ });
  await expect(table.getByRole('row', { name: /Anna Anmeldung/ })).toContainText('abgemeldet');
  await expect(table.getByRole('row', { name: /Ben Warteliste/ })).toContainText('angemeldet');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Teilnehmendenliste als CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^Teilnehmende_Fachtag_Uebergaenge_\d+\.csv$/);
  await expectNoAxeViolations(page, 'Bildungskonferenz mit Anmeldungen');
});
