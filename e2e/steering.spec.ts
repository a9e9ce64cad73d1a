import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO, expectNoAxeViolations, signIn } from './helpers';

/*
 * „Ziele & Steuerung“ end to end: the committee overview of the demo municipality; the editor creates a
 * goal with a target on a monitoring indicator and sees its computed status; a recommendation goes through
 * the statement of the addressed Fachbereich (contributor), a decision and a measure. Every page is
 * scanned with axe (WCAG 2.1 AA). The steps build on each other (serial).
 */

const EDITOR = { email: 'redaktion@musterstadt.example', password: 'redaktion-demo-passwort' };
const CONTRIBUTOR = { email: 'fachbereich@musterstadt.example', password: 'fachbereich-demo-passwort' };
const suffix = String(Date.now() % 1_000_000);
const GOAL = `Krippenplätze in der Altstadt sichern (Test ${suffix})`;
const REC = `Elternlotsen in der Altstadt einsetzen (Test ${suffix})`;
const MEASURE = `Elternlotsen-Programm (Test ${suffix})`;
const OVERVIEW = '/app/t/musterstadt/ziele';

test.describe.configure({ mode: 'serial' });

const re = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/** The collapsible form whose summary reads `summary`, opened. */
async function openForm(page: Page, summary: string): Promise<Locator> {
  const box = page.locator('details').filter({ has: page.locator('summary', { hasText: summary }) });
  await box.locator('> summary').click();
  return box;
}

test('the committee overview shows the steering loop of the demo municipality', async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await page.goto('/app/t/musterstadt');
  await page.getByRole('link', { name: 'Ziele & Steuerung' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ziele & Steuerung' })).toBeVisible();
  for (const h of [
    'Steuerungsübersicht für das Gremium',
    'Organisationseinheiten',
    'Leitbild',
    'Ziele',
    'Überfällige Meilensteine',
    'Handlungsempfehlungen',
    'Beschlüsse',
    'Maßnahmen',
  ])
    await expect(page.getByRole('heading', { level: 2, name: h })).toBeVisible();
  await expect(page.getByText('Beschlossen: Stadtrat, 14.03.2024, Beschluss-Nr. SR/2024/031')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Frühe Bildung stärken' })).toBeVisible();
  // A viewer sees no forms.
  await expect(page.locator('summary', { hasText: 'Neues Ziel' })).toHaveCount(0);
  await expect(page.getByRole('cell', { name: '4.200.000,00 € / 650.000,50 €' })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Zeitleiste von 4 Maßnahmen/ })).toBeVisible();
  // Units with their members; the committee overview as documents.
  await expect(page.getByRole('row', { name: /Jugendamt/ }).first()).toBeVisible();
  for (const [name, type] of [
    ['Als PDF herunterladen', 'application/pdf'],
    ['Als Word-Dokument (DOCX) herunterladen', 'application/vnd.openxmlformats'],
  ] as const) {
    const href = await page.getByRole('link', { name }).getAttribute('href');
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain(type);
  }
  await expectNoAxeViolations(page, 'Steuerungsübersicht');

  await page.getByRole('link', { name: 'Betreuungsangebote für unter Dreijährige ausbauen' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Zielwerte' })).toBeVisible();
  await expect(
    page.getByRole('img', { name: /^Werte, Basiswert, Zielwert und erforderlicher Pfad/ }).first(),
  ).toBeVisible();
  await expectNoAxeViolations(page, 'Zielseite');
});

test('the editor creates a goal with a target on an indicator; the computed status shows', async ({
  page,
}) => {
  await signIn(page, EDITOR);
  await page.goto(OVERVIEW);
  const form = await openForm(page, 'Neues Ziel');
  await form.getByLabel('Titel').fill(GOAL);
  await form.getByLabel('Übergeordnetes Ziel').selectOption({ label: 'Frühe Bildung stärken' });
  await form.getByLabel('Verantwortlich').fill('Jugendamt');
  await expectNoAxeViolations(page, 'Steuerungsübersicht mit Formular');
  await form.getByRole('button', { name: 'Speichern' }).click();
  await page.getByRole('link', { name: GOAL }).click();
  await expect(page.getByRole('heading', { level: 1, name: GOAL })).toBeVisible();
  await expect(page.getByText('Für dieses Ziel gibt es noch keine Zielwerte.')).toBeVisible();

  const target = await openForm(page, 'Neuer Zielwert');
  await target.getByLabel('Indikator').selectOption({ label: 'Betreuungsquote unter 3 Jahren' });
  await target.getByLabel('Raumeinheit').selectOption({ label: 'Altstadt' });
  // The baseline comes from the data: the first period with a value is offered.
  await expect(target.getByLabel('Basiszeitraum')).toHaveValue('2020-03-01');
  await target.getByLabel('Zielzeitraum').fill('2030-03-01');
  await target.getByLabel('Zielwert', { exact: true }).fill('45,5');
  await expectNoAxeViolations(page, 'Zielwert-Formular');
  await target.getByRole('button', { name: 'Speichern' }).click();
  const card = page.getByRole('article', { name: 'Betreuungsquote unter 3 Jahren – Altstadt' });
  // 38,7 (2020) → 39,9 (2024): 0,8 % a year against the 1,6 % needed for 45,5 by 2030.
  await expect(card.getByText('kaum Fortschritt')).toBeVisible();
  await expect(card.getByText('38,7 % (01.03.2020)')).toBeVisible();
  await expect(card.getByRole('table')).toContainText('01.03.2030 (Zielwert: 45,5)');
  await expect(page.getByText(/Zielwert auf „Betreuungsquote unter 3 Jahren“ angelegt/)).toBeVisible();
  await expectNoAxeViolations(page, 'Zielseite mit neuem Zielwert');

  // A finding cites the latest values of two areas; they are frozen with it.
  await page.goto(OVERVIEW);
  const finding = await openForm(page, 'Neuer Befund');
  await finding
    .getByLabel('Befund', { exact: true })
    .fill(`Die Altstadt liegt über Lindenhof (Test ${suffix}).`);
  await finding.getByLabel('Indikator').selectOption({ label: 'Betreuungsquote unter 3 Jahren' });
  await finding.getByLabel('Raumeinheit').selectOption({ label: 'Altstadt' });
  await finding.getByLabel('Vergleichsraum (optional)').selectOption({ label: 'Lindenhof' });
  await expect(finding.getByLabel('Zeitraum der zitierten Werte')).toHaveValue('2024-03-01');
  await expectNoAxeViolations(page, 'Befund-Formular');
  await finding.getByRole('button', { name: 'Speichern' }).click();
  // The finding itself (its history lists its text, too, but not the cited values).
  const cited = page
    .getByRole('listitem')
    .filter({ hasText: `(Test ${suffix}).` })
    .filter({ hasText: 'Betreuungsquote unter 3 Jahren, Stand' });
  await expect(cited).toContainText('Betreuungsquote unter 3 Jahren, Stand 01.03.2024: Altstadt 39,9 %');
  await expect(cited).toContainText('Lindenhof');
  // The finding belongs to a section of a report and is the basis of a recommendation.
  const links = await openForm(
    page,
    `Befund „Die Altstadt liegt über Lindenhof (Test ${suffix}).“ verknüpfen`,
  );
  await links.getByLabel('Abschnitt eines Bildungsberichts').selectOption({ index: 1 });
  await links
    .getByRole('group', { name: 'Handlungsempfehlungen, die auf dem Befund beruhen' })
    .getByLabel('Kita-Plätze in Nordstadt und Weststadt vorrangig ausbauen', { exact: true })
    .check();
  await expectNoAxeViolations(page, 'Befund verknüpfen');
  await links.getByRole('button', { name: 'Speichern' }).click();
  await expect(cited).toContainText('Im Bericht „');
  await expect(cited).toContainText(
    'Grundlage für: Kita-Plätze in Nordstadt und Weststadt vorrangig ausbauen',
  );

  // One action: a development goal of the self-assessment becomes an operational goal.
  const dg = await openForm(page, 'Ziel aus einem Entwicklungsziel der Selbsteinschätzung übernehmen');
  const option = (await dg.getByLabel('Entwicklungsziel').locator('option:checked').textContent())!;
  const component = option.split(':')[0]!;
  await dg.getByLabel('Übergeordnetes Ziel').selectOption({ label: 'Frühe Bildung stärken' });
  await expectNoAxeViolations(page, 'Formular Entwicklungsziel übernehmen');
  await dg.getByRole('button', { name: 'Als Ziel übernehmen' }).click();
  await page.getByRole('link', { name: new RegExp(`^${re(component).source}: `) }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: new RegExp(`^${re(component).source}`) }),
  ).toBeVisible();
  await expect(page.getByText('Komponente des Entwicklungsmodells')).toBeVisible();
});

test('a recommendation goes through statement → decision → measure', async ({ browser }) => {
  const editorCtx = await browser.newContext();
  const editor = await editorCtx.newPage();
  await signIn(editor, EDITOR);
  await editor.goto(OVERVIEW);
  const rec = await openForm(editor, 'Neue Handlungsempfehlung');
  await rec.getByLabel('Empfehlung', { exact: true }).fill(REC);
  await rec.getByLabel('Text', { exact: true }).fill('In jeder Kita der Altstadt berät eine Elternlotsin.');
  await rec
    .getByRole('group', { name: 'Adressierte Organisationseinheiten' })
    .getByLabel('Jugendamt', { exact: true })
    .check();
  await rec
    .getByRole('group', { name: 'Verknüpfte Ziele' })
    .getByLabel('Frühe Bildung stärken', { exact: true })
    .check();
  await rec
    .getByRole('group', { name: 'Verknüpfte Ziele' })
    .getByLabel('Übergänge gestalten', { exact: true })
    .check();
  await rec.getByRole('button', { name: 'Speichern' }).click();
  const recRow = editor.getByRole('row', { name: re(REC) });
  await expect(recRow).toContainText('Noch keine Stellungnahme.');
  await expect(recRow).toContainText('Frühe Bildung stärken; Übergänge gestalten');
  await editorCtx.close();

  // The addressed Fachbereich writes its statement; it may not change the recommendation itself.
  const contribCtx = await browser.newContext();
  const contrib = await contribCtx.newPage();
  await signIn(contrib, CONTRIBUTOR);
  // The start page reminds the Fachbereich of recommendations waiting for its statement.
  await contrib.goto('/app/t/musterstadt');
  const reminders = contrib.getByRole('region', { name: 'Zu erledigen in Ziele & Steuerung' });
  await expect(reminders.getByRole('listitem').filter({ hasText: REC })).toBeVisible();
  await expectNoAxeViolations(contrib, 'Startseite mit Erinnerungen');
  await contrib.goto(OVERVIEW);
  await expect(contrib.locator('summary', { hasText: 'Neue Handlungsempfehlung' })).toHaveCount(0);
  const st = await openForm(contrib, `Stellungnahme zu „${REC}“`);
  await st.getByLabel('Stellungnahme').fill('Das Jugendamt stimmt zu und stellt zwei Stellen bereit.');
  await st.getByRole('button', { name: 'Stellungnahme speichern' }).click();
  const row = contrib.getByRole('row', { name: re(REC) });
  await expect(row).toContainText('Das Jugendamt stimmt zu und stellt zwei Stellen bereit.');
  await expect(row).toContainText('abgestimmt mit Fachbereich');
  // The Fachbereich answers only for its unit: no statement form for the Schulverwaltungsamt's recommendation.
  await expect(
    contrib.locator('summary', { hasText: 'Stellungnahme zu „Übergabegespräche Kita–Grundschule' }),
  ).toHaveCount(0);
  await expect(contrib.getByText('Sie gehören zu: Jugendamt')).toBeVisible();
  // It comments on the recommendation.
  const details = await openForm(contrib, `Details zu „${REC}“`);
  const comment = details
    .locator('details')
    .filter({ has: contrib.locator('summary', { hasText: 'Kommentar speichern' }) });
  await comment.locator('summary').click();
  await comment.getByLabel('Kommentar').fill('Zwei Lotsinnen sprechen Türkisch und Arabisch.');
  await comment.getByRole('button', { name: 'Kommentar speichern' }).click();
  await expect(details.getByText('Zwei Lotsinnen sprechen Türkisch und Arabisch.')).toBeVisible();
  await expectNoAxeViolations(contrib, 'Steuerungsübersicht (Fachbereich)');
  await contribCtx.close();

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, EDITOR);
  await page.goto(OVERVIEW);
  const dec = await openForm(page, 'Beschluss erfassen');
  // The body is chosen from the network module; a body outside it is typed.
  await dec
    .getByLabel('Gremium', { exact: true })
    .selectOption({ label: 'anderes Gremium (nicht in „Netzwerk & Gremien“)' });
  await dec.getByLabel('Name des Gremiums').fill('Jugendhilfeausschuss');
  await dec.getByLabel('Datum').fill('2025-06-12');
  await dec.getByLabel('Beschluss-Nr.').fill(`JHA/2025/${suffix}`);
  await dec
    .getByLabel('Wortlaut')
    .fill('Der Ausschuss beschließt die Elternlotsen mit Evaluation nach einem Jahr.');
  await dec.getByLabel('Beschlossene Empfehlung').selectOption({ label: REC });
  await dec.getByLabel('Ergebnis').selectOption({ label: 'geändert beschlossen' });
  await dec.getByRole('button', { name: 'Speichern' }).click();
  await expect(page.getByRole('row', { name: re(`JHA/2025/${suffix}`) })).toContainText(
    `${REC}: geändert beschlossen`,
  );
  await expect(page.getByLabel(`Neuer Status: ${REC}`)).toHaveValue('adopted_amended');
  // The decision's PDF is uploaded and offered for download.
  const doc = await openForm(page, `Beschlussdokument zu JHA/2025/${suffix} hochladen`);
  await doc.getByLabel('PDF-Datei').setInputFiles({
    name: `JHA-2025-${suffix}.pdf`,
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
  });
  await doc.getByRole('button', { name: 'Dokument hochladen' }).click();
  await expect(
    page.getByRole('link', { name: new RegExp(`Beschlussdokument „JHA-2025-${suffix}\\.pdf“ \\(PDF, `) }),
  ).toBeVisible();

  const m = await openForm(page, 'Neue Maßnahme');
  await m.getByLabel('Maßnahme', { exact: true }).fill(MEASURE);
  await m.getByLabel('Verantwortliche Stelle').selectOption({ label: 'Jugendamt' });
  for (const goal of ['Frühe Bildung stärken', 'Übergänge gestalten'])
    await m.getByRole('group', { name: 'Verknüpfte Ziele' }).getByLabel(goal, { exact: true }).check();
  await m.getByLabel('Beginn').fill('2025-09-01');
  await m.getByLabel('Ende', { exact: true }).fill('2026-08-31');
  await m.getByLabel('Budget geplant (EUR)').fill('24.500,50');
  await m.getByLabel('Setzt Empfehlung um').selectOption({ label: REC });
  await m.getByRole('button', { name: 'Speichern' }).click();
  const measureRow = page.getByRole('row', { name: re(MEASURE) });
  await expect(measureRow).toContainText('24.500,50 €');
  await expect(measureRow).toContainText('geplant');
  await expect(measureRow).toContainText('Frühe Bildung stärken; Übergänge gestalten');
  await expectNoAxeViolations(page, 'Steuerungsübersicht nach Beschluss und Maßnahme');
  // The decision has its comments and history.
  const decDetails = await openForm(page, `(JHA/2025/${suffix}): Kommentare, Verlauf`);
  await expect(decDetails.getByRole('region', { name: /^Verlauf: / })).toContainText('Beschluss JHA/2025/');
  await ctx.close();
});

test('the responsible unit writes progress notes on its measure; the history shows who changed what', async ({
  page,
}) => {
  await signIn(page, CONTRIBUTOR);
  await page.goto(OVERVIEW);
  const details = await openForm(page, `Maßnahme „${MEASURE}“: Vermerke, Kommentare, Verlauf`);
  await expect(details.getByText('Noch keine Fortschrittsvermerke.')).toBeVisible();
  const note = details
    .locator('details')
    .filter({ has: page.locator('summary', { hasText: `Fortschrittsvermerk zu „${MEASURE}“ schreiben` }) });
  await note.locator('> summary').click();
  await note.getByLabel('Stand').fill('2025-10-15');
  await note.getByLabel('Vermerk').fill('Drei Lotsinnen sind eingestellt, die Schulung beginnt im November.');
  await expectNoAxeViolations(page, 'Fortschrittsvermerk-Formular');
  await note.getByRole('button', { name: 'Vermerk speichern' }).click();
  await expect(
    details.getByText('Drei Lotsinnen sind eingestellt, die Schulung beginnt im November.'),
  ).toBeVisible();
  await expect(details.getByText(/^15\.10\.2025 – /)).toBeVisible();
  await expect(details.getByRole('region', { name: `Verlauf: ${MEASURE}` })).toContainText(
    'Fortschrittsvermerk zum 15.10.2025',
  );
  // Only for the measures of its own unit: not for the Schulverwaltungsamt's working group.
  await openForm(page, 'Maßnahme „Arbeitskreis Übergang Kita–Grundschule“: Vermerke, Kommentare, Verlauf');
  await expect(
    page.locator('summary', { hasText: 'Fortschrittsvermerk zu „Arbeitskreis Übergang Kita–Grundschule“' }),
  ).toHaveCount(0);
  await expectNoAxeViolations(page, 'Maßnahmen mit Vermerken und Verlauf');
});

test("the editor chooses a body's meeting decision at a recommendation (network module)", async ({
  page,
}) => {
  await signIn(page, EDITOR);
  await page.goto(OVERVIEW);
  // The demo's linked pair: the steering group's decision on the U3 expansion.
  // Other specs may add decisions of the same body (the network spec's special meeting): pick the demo's row.
  const bodyDecisions = page.getByRole('table', { name: 'Beschlüsse der Gremien aus Sitzungen' });
  const demoDecision = bodyDecisions
    .getByRole('row')
    .filter({ hasText: 'Steuerungsgruppe Bildung' })
    .filter({ hasText: '1. Sitzung der Steuerungsgruppe' });
  await expect(demoDecision).toContainText('Kita-Plätze in Nordstadt und Weststadt vorrangig ausbauen');
  const details = await openForm(
    page,
    'Details zu „Kita-Plätze in Nordstadt und Weststadt vorrangig ausbauen“',
  );
  const line = details.getByRole('listitem').filter({ hasText: 'Steuerungsgruppe Bildung' });
  await expect(line).toContainText('1. Sitzung der Steuerungsgruppe');
  await line.getByRole('button', { name: /^Verknüpfung mit dem Sitzungsbeschluss/ }).click();
  await expect(details.getByRole('listitem').filter({ hasText: 'Steuerungsgruppe Bildung' })).toHaveCount(0);
  await expect(demoDecision).not.toContainText('Kita-Plätze');
  const link = details.locator('details').filter({
    has: page.locator('summary', {
      hasText:
        'Beschluss aus einer Sitzung mit „Kita-Plätze in Nordstadt und Weststadt vorrangig ausbauen“ verknüpfen',
    }),
  });
  await link.locator('> summary').click();
  await link.getByLabel('Beschluss aus einer Sitzung').selectOption({ index: 1 });
  await expectNoAxeViolations(page, 'Sitzungsbeschluss verknüpfen');
  await link.getByRole('button', { name: 'Verknüpfen' }).click();
  await expect(details.getByRole('listitem').filter({ hasText: 'Steuerungsgruppe Bildung' })).toBeVisible();
  await expect(details.getByRole('region', { name: /^Verlauf: Kita-Plätze/ })).toContainText(
    'Beschluss einer Sitzung verknüpft',
  );
  // A recommendation addressed to a body shows it.
  await expect(page.getByRole('row', { name: /Übergabegespräche Kita–Grundschule/ })).toContainText(
    'Gremium: Steuerungsgruppe Bildung',
  );
});

test('the public goal page shows published goals with status, chart and table without JavaScript', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/kommune/musterstadt');
  await page.getByRole('link', { name: 'Bildungsziele und ihr Fortschritt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ziele und Fortschritt' })).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 2, name: 'Betreuungsangebote für unter Dreijährige ausbauen' }),
  ).toBeVisible();
  // Goals that are not published stay internal.
  await expect(page.getByText('Übergang Kita–Grundschule begleiten')).toHaveCount(0);
  await expect(page.getByRole('img', { name: /Betreuungsquote unter 3 Jahren, Altstadt/ })).toBeVisible();
  await expect(page.getByRole('table', { name: /Betreuungsquote unter 3 Jahren, Altstadt/ })).toContainText(
    '01.03.2030',
  );
  await expect(page.getByText(/Quelle: .* · Stand: \d{2}\.\d{2}\.\d{4}/).first()).toBeVisible();
  // axe needs a script in the page: the same address is scanned in a second context with JavaScript (the
  // page has no script of its own, so it renders the same).
  const url = page.url();
  await context.close();
  const scanner = await browser.newContext();
  const scan = await scanner.newPage();
  await scan.goto(url);
  await expectNoAxeViolations(scan, 'öffentliche Zielseite');
  await scanner.close();
});
