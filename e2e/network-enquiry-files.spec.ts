import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

/*
 * The enquiry log's answer templates, attachments and reminders: the start page reminds of the overdue
 * demo enquiry; the editor creates and edits an answer template, inserts it into an answer, attaches a
 * PDF, downloads it and removes it. Every page is scanned with axe (WCAG 2.1 AA).
 */

const REDAKTION = { email: 'redaktion@musterstadt.example', password: 'redaktion-demo-passwort' };
const suffix = String(Date.now() % 1_000_000);
const TEMPLATE = `Kita-Antwort ${suffix}`;
const APP = '/app/t/musterstadt/netzwerk';
const ENQUIRY = 'Daten für den Sozialbericht';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

test.describe.configure({ mode: 'serial' });

test('the start page reminds of overdue enquiries', async ({ page }) => {
  await signIn(page, REDAKTION);
  await page.goto('/app/t/musterstadt');
  const reminders = page.getByRole('region', { name: 'Fristen von Anfragen' });
  await expect(reminders).toContainText('Presseanfrage: Ganztagsplätze an Grundschulen');
  await expect(reminders.getByText(/^überfällig seit \d{2}\.\d{2}\.\d{4}$/).first()).toBeVisible();
  // Due in 14 days: outside the 7 days of the start page.
  await expect(reminders).not.toContainText(ENQUIRY);
  await expectNoAxeViolations(page, 'Startseite mit Erinnerungen');
  await reminders.getByRole('link', { name: 'Presseanfrage: Ganztagsplätze an Grundschulen' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Presseanfrage: Ganztagsplätze an Grundschulen' }),
  ).toBeVisible();
});

test('the editor keeps answer templates, inserts one into an answer and attaches a file', async ({
  page,
}) => {
  await signIn(page, REDAKTION);
  await page.goto(`${APP}/anfragen`);
  await page.getByRole('link', { name: 'Antwortvorlagen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Antwortvorlagen' })).toBeVisible();
  await expect(page.getByRole('table', { name: /^Antwortvorlagen \(\d+\)$/ })).toContainText(
    'Eingangsbestätigung',
  );

  // Create, then edit a template.
  await page.getByLabel('Titel der Vorlage').fill(TEMPLATE);
  await page.getByLabel('Text der Vorlage').fill('Die Zahlen zu den Kitas liegen bei.');
  await page.getByRole('button', { name: 'Vorlage anlegen' }).click();
  await expect(page.getByRole('status').filter({ hasText: /./ })).toHaveText(
    `Die Vorlage „${TEMPLATE}“ wurde angelegt.`,
  );
  await page.getByRole('button', { name: `„${TEMPLATE}“ bearbeiten` }).click();
  await expect(page.getByRole('heading', { name: `Antwortvorlage „${TEMPLATE}“ bearbeiten` })).toBeVisible();
  await page.getByLabel('Text der Vorlage').fill('Die Zahlen zu den Kitas finden Sie in der Anlage.');
  await page.getByRole('button', { name: 'Vorlage speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: /./ })).toHaveText(
    `Die Vorlage „${TEMPLATE}“ wurde gespeichert.`,
  );
  await expect(page.getByRole('row', { name: new RegExp(TEMPLATE) })).toContainText(
    'Die Zahlen zu den Kitas finden Sie in der Anlage.',
  );
  await expectNoAxeViolations(page, 'Antwortvorlagen');

  // Insert it into an answer.
  await page.goto(`${APP}/anfragen`);
  await page.getByRole('link', { name: ENQUIRY }).click();
  await expect(page.getByRole('heading', { level: 1, name: ENQUIRY })).toBeVisible();
  await page.getByLabel('Antworttext').fill('Sehr geehrte Damen und Herren,');
  await page.getByLabel('Antwortvorlage').selectOption({ label: TEMPLATE });
  await page.getByRole('button', { name: 'Vorlage einfügen' }).click();
  await expect(page.getByLabel('Antworttext')).toHaveValue(
    'Sehr geehrte Damen und Herren,\n\nDie Zahlen zu den Kitas finden Sie in der Anlage.',
  );
  await expect(page.getByLabel('Antworttext')).toBeFocused();
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: /./ })).toHaveText(
    'Die Anfrage wurde gespeichert.',
  );

  // Attach a PDF, download it, refuse a wrong type, remove it.
  const files = page.getByRole('region', { name: 'Anlagen zur Antwort' });
  await expect(files).toContainText('Keine Anlagen.');
  await page.getByLabel(/^Datei \(PDF, Bild oder Office-Dokument/).setInputFiles({
    name: 'Kita-Zahlen.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await page.getByRole('button', { name: 'Anlage hochladen' }).click();
  await expect(files.getByRole('status').filter({ hasText: /./ })).toHaveText(
    'Die Anlage „Kita-Zahlen.pdf“ wurde hochgeladen.',
  );
  await expect(files.getByRole('link', { name: 'Kita-Zahlen.pdf herunterladen' })).toBeVisible();
  await expectNoAxeViolations(page, 'Anfrage mit Anlage');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    files.getByRole('link', { name: 'Kita-Zahlen.pdf herunterladen' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('Kita-Zahlen.pdf');
  expect(fs.readFileSync((await download.path())!).equals(PDF)).toBe(true);

  await page.getByLabel(/^Datei \(PDF, Bild oder Office-Dokument/).setInputFiles({
    name: 'notiz.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('nur Text'),
  });
  await page.getByRole('button', { name: 'Anlage hochladen' }).click();
  await expect(files.getByRole('alert')).toContainText('notiz.txt');
  await expectNoAxeViolations(page, 'Anfrage mit abgelehnter Anlage');

  await files.getByRole('button', { name: '„Kita-Zahlen.pdf“ löschen' }).click();
  await expect(files.getByRole('status').filter({ hasText: /./ })).toHaveText(
    'Die Anlage „Kita-Zahlen.pdf“ wurde entfernt.',
  );
  await expect(files).toContainText('Keine Anlagen.');

  // Clean up the template.
  await page.goto(`${APP}/anfragen/vorlagen`);
  await page.getByRole('button', { name: `„${TEMPLATE}“ löschen` }).click();
  await expect(page.getByRole('status').filter({ hasText: /./ })).toHaveText(
    `Die Vorlage „${TEMPLATE}“ wurde gelöscht.`,
  );
});
