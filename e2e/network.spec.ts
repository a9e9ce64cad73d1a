import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, signIn } from './helpers';

/*
 * Netzwerk & Gremien end to end: the editor prepares a meeting of the demo steering group with an
 * indicator on the agenda (live values), downloads the invitation as .ics, records minutes and a decision,
 * approves the minutes (the values freeze); answers an enquiry before its due date; the viewer reads the
 * approved minutes without edit controls. Every page is scanned with axe (WCAG 2.1 AA).
 */

const REDAKTION = { email: 'redaktion@musterstadt.example', password: 'redaktion-demo-passwort' };
const suffix = String(Date.now() % 1_000_000);
const MEETING = `Sondersitzung ${suffix}`;
const APP = '/app/t/musterstadt/netzwerk';

test.describe.configure({ mode: 'serial' });

test('the editor prepares a meeting with live data, exports the invitation, records and approves the minutes', async ({
  page,
}) => {
  await signIn(page, REDAKTION);
  await page.goto(APP);
  await expect(page.getByRole('heading', { level: 1, name: 'Netzwerk & Gremien' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Gremien der Kommune' })).toContainText(
    'Steuerungsgruppe Bildung',
  );
  await expectNoAxeViolations(page, 'Netzwerk – Übersicht');

  await page.getByRole('link', { name: 'Steuerungsgruppe Bildung' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Steuerungsgruppe Bildung' })).toBeVisible();
  await expect(page.getByRole('table', { name: /Mitgliedschaften/ })).toContainText('Jugendamt');
  await expectNoAxeViolations(page, 'Gremium');

  // A new meeting in the body.
  await page.getByLabel('Titel', { exact: true }).fill(MEETING);
  await page.getByLabel('Datum', { exact: true }).fill('2030-03-14');
  await page.getByLabel('Ort', { exact: true }).fill('Rathaus, Sitzungsraum 2');
  await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: MEETING })).toBeVisible();

  // An agenda item with an indicator of the monitoring: its values show live.
  await page.getByLabel('Titel des Punkts').fill('Betreuung der unter Dreijährigen');
  await page
    .getByLabel('Kennzahl einbetten (optional)')
    .selectOption({ label: 'Kinder in Kindertagesbetreuung' });
  // … and a goal of the steering loop with its progress and a recommendation for the body.
  await page.getByLabel('Ziel mit Fortschritt einbetten (optional)').selectOption({ index: 1 });
  await page.getByLabel('Handlungsempfehlung einbetten (optional)').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Punkt anfügen' }).click();
  const item = page.getByRole('article', { name: 'TOP 1: Betreuung der unter Dreijährigen' });
  await expect(item.getByText(/^Live-Daten aus dem Monitoring/)).toBeVisible();
  await expect(item.getByText(/^Ziel: /)).toBeVisible();
  await expect(item.getByText(/^Handlungsempfehlung: /)).toBeVisible();
  await expect(item.getByText(/^Live aus der Steuerung/)).toHaveCount(2);
  await expect(item.getByRole('table', { name: /Kinder in Kindertagesbetreuung/ })).toBeVisible();
  await expectNoAxeViolations(page, 'Sitzung in Vorbereitung');

  // The invitation: .ics for Outlook/Thunderbird, then marked as sent.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Termin herunterladen/ }).click(),
  ]);
  const ics = fs.readFileSync((await download.path())!, 'utf8');
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain(`SUMMARY:Steuerungsgruppe Bildung: ${MEETING}`);
  expect(ics).toContain('TOP 1: Betreuung der unter Dreijährigen');
  // The invitation as a Word document for the members (PDF likewise).
  const [docx] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Einladung als Word (DOCX)' }).click(),
  ]);
  expect(docx.suggestedFilename()).toMatch(/^Einladung_Steuerungsgruppe_Bildung_2030-03-14\.docx$/);
  expect(
    fs
      .readFileSync((await docx.path())!)
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');
  await page.getByRole('button', { name: 'Einladung als versandt markieren' }).click();
  await expect(page.getByText(/^Einladung versandt am/).first()).toBeVisible();

  // Minutes, a decision, attendance, approval.
  await item.getByLabel('Protokoll zu TOP 1').fill('Die Quote steigt, bleibt aber unter dem Bedarf.');
  await item.getByRole('button', { name: 'Protokoll speichern' }).click();
  await expect(item.getByRole('status')).toHaveText('Das Protokoll wurde gespeichert.');
  await item.getByLabel('Beschluss zu TOP 1').fill('Der Ausbauplan wird bis Jahresende vorgelegt.');
  await item.getByRole('button', { name: 'Beschluss festhalten' }).click();
  await expect(item.getByRole('listitem')).toContainText(
    'angenommen: Der Ausbauplan wird bis Jahresende vorgelegt.',
  );
  await page.getByRole('checkbox', { name: 'Jugendamt' }).check();
  await page.getByRole('button', { name: 'Anwesenheit speichern' }).click();
  await expect(page.getByText('Die Anwesenheit wurde gespeichert.')).toBeVisible();
  await page.getByRole('button', { name: 'Protokoll genehmigen' }).click();
  await expect(page.getByText(/^Das Protokoll wurde am .* genehmigt\.$/).first()).toBeVisible();
  // Indicator values, goal and recommendation are all frozen with the minutes.
  await expect(item.getByText(/^Mit dem Protokoll eingefroren am/)).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Protokoll speichern' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'Sitzung mit genehmigtem Protokoll');
});

test('the viewer reads the approved minutes and decisions without edit controls', async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await page.goto(APP);
  await page.getByRole('link', { name: MEETING }).click();
  await expect(page.getByRole('heading', { level: 1, name: MEETING })).toBeVisible();
  await expect(page.getByText('Die Quote steigt, bleibt aber unter dem Bedarf.')).toBeVisible();
  await expect(page.getByText('Der Ausbauplan wird bis Jahresende vorgelegt.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Punkt anfügen' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'Sitzung (Lesezugriff)');
});

test('the editor answers an enquiry before its due date; the actors directory filters', async ({ page }) => {
  await signIn(page, REDAKTION);
  await page.goto(`${APP}/anfragen`);
  await expect(page.getByRole('heading', { level: 1, name: 'Anfragen' })).toBeVisible();
  await expectNoAxeViolations(page, 'Anfragen');
  const inTimeBefore = await page.locator('.nw-stats li').nth(4).innerText();

  await page.getByRole('link', { name: 'Bürgeranfrage: Wartelisten in Kitas' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Bürgeranfrage: Wartelisten in Kitas' }),
  ).toBeVisible();
  await page
    .getByLabel('Antworttext')
    .fill('Derzeit stehen 42 Kinder auf den Wartelisten der städtischen Kitas.');
  await page.getByLabel('Status').selectOption({ label: 'beantwortet' });
  await page.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByRole('region', { name: 'Antwort', exact: true }).getByRole('status')).toHaveText(
    'Die Anfrage wurde gespeichert.',
  );
  await expect(page.getByText(/beantwortet · Beantwortet am .* \(fristgerecht\)/)).toBeVisible();
  await expectNoAxeViolations(page, 'Anfrage');

  await page.getByRole('link', { name: 'Anfragen', exact: true }).click();
  await expect(page.locator('.nw-stats li').nth(4)).not.toHaveText(inTimeBefore);

  await page.getByRole('link', { name: 'Akteure', exact: true }).click();
  // Other specs add actors of their own in parallel: the count is at least the demo's 25.
  await expect(page.getByRole('table', { name: /^Akteure \((2[5-9]|[3-9]\d)\)$/ })).toBeVisible();
  await page.getByLabel('Art', { exact: true }).first().selectOption({ label: 'Kammer' });
  await expect(page.getByRole('table', { name: 'Akteure (2)' })).toContainText('Handwerkskammer');
  await expectNoAxeViolations(page, 'Akteure');

  await page.getByRole('link', { name: 'Kontakte', exact: true }).click();
  await expect(page.getByRole('table', { name: /^Kontakte/ })).toContainText('Peter Probe');
  await expect(page.getByText('prüfen: seit über 3 Jahren keine Aktivität')).toHaveCount(1);
  await expectNoAxeViolations(page, 'Kontakte');

  await page.getByRole('link', { name: 'Kooperationen', exact: true }).click();
  await expect(page.getByRole('table', { name: /^Kooperationen \(\d+ Paare\)$/ })).toContainText('Jobcenter');
  // The network graph (Cytoscape.js) above the table: one labelled image, drawn on canvas.
  const graph = page.getByRole('img', {
    name: /^Netzwerkgrafik der Kooperationen: \d+ Akteure, \d+ Paare\./,
  });
  await expect(graph).toBeVisible();
  await expect(graph.locator('canvas').first()).toBeVisible();
  await page.getByLabel('Art', { exact: true }).selectOption({ label: 'Kammer' });
  // Nine pairs from the Arbeitskreis, two more from the project „Kein Abschluss ohne Anschluss“.
  await expect(page.getByRole('table', { name: 'Kooperationen (11 Paare)' })).toBeVisible();
  await expect(page.getByRole('img', { name: /: \d+ Akteure, 11 Paare\./ })).toBeVisible();
  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Kanten als CSV herunterladen' }).click(),
  ]);
  expect(fs.readFileSync((await csv.path())!, 'utf8')).toContain(
    'Akteur A;Akteur B;Gemeinsame Gremien;Gemeinsame Projekte;Anzahl Gremien;Anzahl Projekte',
  );
  await expectNoAxeViolations(page, 'Kooperationen');
});

test('the editor creates a series of meetings', async ({ page }) => {
  await signIn(page, REDAKTION);
  await page.goto(APP);
  await page.getByRole('link', { name: 'Arbeitskreis Übergang Schule–Beruf' }).click();
  await page.getByLabel('Titel', { exact: true }).fill(`Arbeitstreffen ${suffix}`);
  await page.getByLabel('Datum', { exact: true }).fill('2031-01-15');
  await page.getByRole('checkbox', { name: 'Als Sitzungsreihe anlegen' }).check();
  const group = page.getByRole('group', { name: /^Sitzungsreihe/ });
  await group.getByLabel('Rhythmus').selectOption({ label: 'monatlich' });
  await group.getByLabel('Anzahl der Sitzungen (2 bis 24)').fill('3');
  await expectNoAxeViolations(page, 'Gremium mit Sitzungsreihe');
  await page.getByRole('button', { name: 'Sitzungsreihe anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Arbeitstreffen ${suffix} (1/3)` })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('link', { name: `Arbeitstreffen ${suffix} (3/3)` })).toBeVisible();
});

test('the editor records a cooperation project; the map counts it and filters by area', async ({ page }) => {
  const PROJECT = `Lesepaten ${suffix}`;
  await signIn(page, REDAKTION);
  await page.goto(`${APP}/projekte`);
  await expect(page.getByRole('heading', { level: 1, name: 'Kooperationsprojekte' })).toBeVisible();
  await expect(page.getByRole('table', { name: /^Kooperationsprojekte/ })).toContainText(
    'Sprachförderung in Kitas',
  );
  await expectNoAxeViolations(page, 'Kooperationsprojekte');

  // Too few actors: the form says so and keeps the entries.
  await page.getByLabel('Name des Projekts').fill(PROJECT);
  await page
    .getByLabel('Thema', { exact: true })
    .selectOption({ label: 'Non-formale und informelle Lernwelten' });
  await page.getByLabel('Beginn', { exact: true }).fill('2025-02-01');
  const participants = page.getByRole('group', { name: 'Beteiligte Akteure (mindestens zwei)' });
  await participants.getByRole('checkbox', { name: 'Stadtsportbund' }).check();
  await page.getByRole('button', { name: 'Projekt anlegen' }).click();
  await expect(page.getByText('Bitte mindestens zwei beteiligte Akteure auswählen.')).toBeVisible();
  await expectNoAxeViolations(page, 'Kooperationsprojekt mit Fehler');
  await participants.getByRole('checkbox', { name: 'Integrationsbüro' }).check();
  await page.getByLabel('Federführung (optional)').selectOption({ label: 'Stadtsportbund' });
  await page.getByRole('button', { name: 'Projekt anlegen' }).click();
  await expect(page.getByText(`Das Kooperationsprojekt „${PROJECT}“ wurde angelegt.`)).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(PROJECT) });
  await expect(row).toContainText('Integrationsbüro, Stadtsportbund');
  await expect(row).toContainText('läuft');

  // The map names the project as what links the two (no shared body).
  await page.getByRole('link', { name: 'Kooperationen', exact: true }).click();
  const pair = page.getByRole('row', { name: /Integrationsbüro.*Stadtsportbund/ });
  await expect(pair.getByRole('cell').nth(2)).toHaveText('–');
  await expect(pair.getByRole('cell').nth(3)).toHaveText(PROJECT);

  // Stadtbezirk 02 (second option after „alle Gebiete“): Gesamtschule Nord, Kita-Verbund and AWO work there.
  await page.getByLabel('Raumeinheit', { exact: true }).selectOption({ index: 2 });
  const table = page.getByRole('table', { name: /^Kooperationen \(\d+ Paare\)$/ });
  await expect(table).toContainText('Gesamtschule Nord');
  await expect(table).toContainText('Kita-Verbund Evangelische Kirche');
  await expect(table).toContainText('AWO Kreisverband');
  await expect(table).not.toContainText('Stadtsportbund');
  for (const r of await table.locator('tbody tr').all()) {
    await expect(r).toContainText(/Gesamtschule Nord|Kita-Verbund Evangelische Kirche|AWO Kreisverband/);
  }
  await expectNoAxeViolations(page, 'Kooperationen nach Gebiet');

  // The actors directory shows where each actor works.
  await page.getByRole('link', { name: 'Akteure', exact: true }).click();
  await expect(
    page
      .getByRole('row', { name: /^Gesamtschule Nord/ })
      .getByRole('cell')
      .nth(4),
  ).not.toHaveText('–');
});
