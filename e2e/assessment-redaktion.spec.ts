import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

/*
 * The Redaktion (editor, no administration rights) runs a self-assessment round alone: creates it,
 * invites itself from the member picker and an external partner by link, prefills the framework
 * conditions from the monitoring, opens the round and answers — without a single failed request or
 * console error. A closed round is read-only on the round page, too.
 */

const REDAKTION = { email: 'redaktion@musterstadt.example', password: 'redaktion-demo-passwort' };
const suffix = String(Date.now() % 1_000_000);
const TITLE = `Runde der Redaktion ${suffix}`;
const CLOSED_DEMO_ROUND = 'Selbsteinschätzung 2025';

/** Collects every failed request (status ≥ 400) and every console error of a page. */
function watchFailures(page: Page) {
  const failures: string[] = [];
  page.on('response', (res) => {
    if (res.status() >= 400) failures.push(`${res.status()} ${res.request().method()} ${res.url()}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') failures.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => failures.push(`pageerror: ${err.message}`));
  return failures;
}

async function openModule(page: Page) {
  await page
    .getByRole('navigation', { name: 'Module' })
    .getByRole('link', { name: 'Selbsteinschätzung' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Selbsteinschätzung' })).toBeVisible();
}

test('the Redaktion runs a round alone: picker, self-invitation, prefill, answers, no 403', async ({
  page,
}) => {
  const failures = watchFailures(page);
  await signIn(page, REDAKTION);
  await openModule(page);
  await page.getByRole('button', { name: 'Neue Einschätzungsrunde anlegen' }).click();
  const form = page.getByRole('form', { name: 'Neue Einschätzungsrunde' });
  await form.getByLabel('Titel').fill(TITLE);
  const end = new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10);
  await form.getByLabel('Ende', { exact: true }).fill(end);
  await form.getByRole('button', { name: 'Runde anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

  // The member picker lists the people of the municipality, the Redaktion itself marked.
  const addUser = page.getByRole('form', { name: 'Person der Kommune einladen' });
  const select = addUser.getByLabel('Person', { exact: true });
  const mine = select.locator('option', { hasText: REDAKTION.email });
  await expect(mine).toHaveText(`Rita Redaktion (Sie selbst, ${REDAKTION.email})`);
  await expect(select.locator('option', { hasText: 'admin@musterstadt.example' })).toHaveCount(1);
  await expect(page.getByText('nur die Administration')).toHaveCount(0);
  await select.selectOption((await mine.getAttribute('value'))!);
  await addUser.getByRole('button', { name: 'Einladen' }).click();
  const participants = page.getByRole('region', { name: 'Beteiligte und Bearbeitungsstand' });
  await expect(participants.getByRole('status').filter({ hasText: 'ist eingeladen' })).toHaveText(
    'Rita Redaktion ist eingeladen.',
  );
  await expect(select.locator('option', { hasText: REDAKTION.email })).toHaveCount(0);
  const addExternal = page.getByRole('form', { name: 'Externen Partner einladen' });
  await addExternal.getByLabel('Bezeichnung').fill('Kita-Träger Test');
  await addExternal.getByRole('button', { name: 'Link erzeugen' }).click();
  await expect(page.getByLabel('Persönlicher Link für „Kita-Träger Test“')).toBeVisible();

  // Prefill from the monitoring: every field with data is filled, each field says where from or that
  // there was no source.
  const framework = page.getByRole('region', { name: 'Rahmenbedingungen' });
  await framework.getByRole('button', { name: 'Aus dem Monitoring vorbelegen' }).click();
  await expect(framework.getByRole('status').first()).toHaveText(
    '3 von 6 Feldern aus dem Monitoring vorbelegt. Ohne Quelle im Monitoring: Größe der Verwaltung, ' +
      'Migration, Zugänglichkeit der Bildungsinfrastruktur. Bitte prüfen und speichern.',
  );
  await expect(framework.getByLabel('Einwohnerinnen und Einwohner')).toHaveValue(/^\d{5,}$/);
  const demografie = framework.getByLabel('Demografie');
  await expect(demografie).toHaveValue(/^Altersgruppen \(31\.12\.\d{4}\): unter 3 Jahre \d+,\d %/);
  await expect(demografie).toHaveAccessibleDescription(/aus Monitoring: Bevölkerung nach Altersgruppen/);
  await expect(framework.getByLabel('Bildungsinfrastruktur', { exact: true })).toHaveValue(
    /^Kinder in Kindertagesbetreuung: unter 3 Jahre [\d.]+, 3 bis unter 6 Jahre [\d.]+ \(01\.03\.\d{4}\)$/,
  );
  await expect(framework.getByLabel('Migration')).toHaveValue('');
  await expect(framework.getByLabel('Migration')).toHaveAccessibleDescription(
    /Keine Quelle im Monitoring – bitte selbst eintragen\./,
  );
  await expect(framework.getByLabel('Größe der Verwaltung')).toHaveAccessibleDescription(
    /Keine Quelle im Monitoring/,
  );
  await expectNoAxeViolations(page, 'round page of the Redaktion (prefilled)');
  await framework.getByRole('button', { name: 'Rahmenbedingungen speichern' }).click();
  await expect(framework.getByRole('status').last()).toHaveText('Die Rahmenbedingungen wurden gespeichert.');

  // Open the round and answer.
  await page.getByRole('button', { name: 'Runde öffnen' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Die Runde ist geöffnet.' })).toBeVisible();
  await page
    .getByRole('navigation', { name: `Runde „${TITLE}“` })
    .getByRole('link', { name: 'Einschätzen' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: `Einschätzen: ${TITLE}` })).toBeVisible();
  const first = page.locator('form.as-answer').first();
  const state = first.locator('.as-save-state');
  await first.getByRole('radio', { name: /^Typ\s2\b/ }).check();
  await expect(state).toHaveText(/^\W*gespeichert \d{1,2}:\d{2} Uhr$/);

  // An invalid evidence link is not saved, and the page never says it was.
  const url = first.getByLabel('Beleg als Link (optional)');
  await url.fill('beschluss-vom-mai');
  await url.press('Tab');
  await expect(first.locator('.field-error')).toContainText('Der Link wurde nicht gespeichert.');
  await expect(state).toHaveText(/^\W*Link nicht gespeichert \(ungültige Adresse\)/);
  await expect(state).not.toContainText('✓');
  await url.fill('https://example.org/beschluss');
  await url.press('Tab');
  await expect(state).toHaveText(/^\W*gespeichert \d{1,2}:\d{2} Uhr$/);
  await expect(first.locator('.field-error')).toHaveCount(0);

  // Workshop and results of the open round.
  const nav = page.getByRole('navigation', { name: `Runde „${TITLE}“` });
  await nav.getByRole('link', { name: 'Workshop' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Workshop: ${TITLE}` })).toBeVisible();
  await nav.getByRole('link', { name: 'Ergebnis' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Ergebnis: ${TITLE}` })).toBeVisible();
  await nav.getByRole('link', { name: 'Runde verwalten' }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(failures).toEqual([]);
});

test('a closed round is read-only on the round page: no fields, no prefill, no save', async ({ page }) => {
  const failures = watchFailures(page);
  await signIn(page, REDAKTION);
  await openModule(page);
  await page
    .getByRole('table', { name: /Einschätzungsrunden/ })
    .getByRole('link', { name: CLOSED_DEMO_ROUND })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: CLOSED_DEMO_ROUND })).toBeVisible();
  const framework = page.getByRole('region', { name: 'Rahmenbedingungen' });
  await expect(framework).toContainText(
    'Die Runde ist abgeschlossen; die Rahmenbedingungen sind schreibgeschützt',
  );
  await expect(framework).toContainText(/Einwohnerinnen und Einwohner\s*\d{1,3}\.\d{3}/);
  await expect(framework).toContainText('aus Monitoring: Bevölkerung nach Altersgruppen');
  await expect(framework.getByRole('textbox')).toHaveCount(0);
  await expect(framework.getByRole('button')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Aus dem Monitoring vorbelegen' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /speichern/i })).toHaveCount(0);
  await expectNoAxeViolations(page, 'closed round (read-only)');
  await page.waitForLoadState('networkidle');
  expect(failures).toEqual([]);
});
