import fs from 'node:fs';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { DEMO, expectNoAxeViolations, signIn } from './helpers';

/*
 * Self-assessment (Selbsteinschätzung) end to end, the way people use it in the browser: the editor creates
 * a round and invites two people of the municipality and one external partner by personal link; both
 * people answer in the workbench, the partner answers in the form without JavaScript; the editor
 * consolidates in the workshop, closes the round and opens the results (radar, table, comparison with the
 * demo round „Selbsteinschätzung 2025“, downloads). Every page visited is scanned with axe (WCAG 2.1 AA).
 * The steps build on each other (serial); each runs in its own browser context.
 */

const EARLIER = 'Selbsteinschätzung 2025';
const suffix = String(Date.now() % 1_000_000);
const TITLE = `Selbsteinschätzung 2026 (Test ${suffix})`;
const EXTERNAL = `Volkshochschule Test ${suffix}`;
const REDAKTION = { email: 'redaktion@musterstadt.example', password: 'redaktion-demo-passwort' };
const NEW_USER = {
  email: `schulamt-${suffix}@musterstadt.example`,
  name: `Sina Schulamt ${suffix}`,
  password: 'ein-sicheres-startpasswort',
};

/** Component names in the order of the default instrument. */
const COMPONENTS = [
  'Strategische Ziele',
  'Datenbasierung',
  'Interne Kooperation',
  'Externe Kooperation',
  'Koordination',
  'Qualität',
  'Öffentlichkeit',
] as const;

/** Ratings per component (null: „kann ich nicht einschätzen“), a comment on one component each. */
const RATINGS = {
  redaktion: {
    levels: [3, 3, 2, 3, 3, null, 2],
    comment: ['Datenbasierung', 'Der Bildungsbericht 2025 ist erschienen und wird jährlich fortgeschrieben.'],
  },
  newUser: {
    levels: [2, 4, 2, null, 3, 1, 1],
    comment: ['Koordination', 'Das Schulamt stimmt sich monatlich mit dem Bildungsbüro ab.'],
  },
  external: {
    levels: [3, 3, null, 3, 2, 1, 2],
    comment: ['Externe Kooperation', 'Die Volkshochschule ist fest in der Bildungskonferenz vertreten.'],
  },
} as const;

/** Agreed in the workshop; the demo round 2025 agreed 2, 3, 2, 2, 3, 2, 1. */
const AGREED = [3, 3, 2, 3, 3, 1, 2];

const typeName = (level: number) => new RegExp(`^Typ\\s${level}\\b`);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** „Label: addition“ where the addition is visually hidden (Chromium may put a space before the colon). */
const withHidden = (label: string, addition: string) =>
  new RegExp(`^${escapeRe(label)}\\s*: ${escapeRe(addition)}$`);

let externalPath = '';

async function newPage(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext(options);
  return { context, page: await context.newPage() };
}

async function openModule(page: Page) {
  await page
    .getByRole('navigation', { name: 'Module' })
    .getByRole('link', { name: 'Selbsteinschätzung' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Selbsteinschätzung' })).toBeVisible();
}

/** The demo admin works in both demo municipalities: switch to Musterstadt in the header. */
async function signInAdminToMusterstadt(page: Page) {
  await signIn(page, DEMO.admin);
  await page.getByLabel('Kommune wechseln').selectOption({ label: 'Musterstadt (Demo)' });
  await expect(page).toHaveURL(/\/app\/t\/musterstadt/);
}

async function openRoundAsEditor(page: Page) {
  await openModule(page);
  await page
    .getByRole('table', { name: /Einschätzungsrunden/ })
    .getByRole('link', { name: TITLE })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
}

/** Answers every component on the answering page of the workbench and submits. */
async function answerInWorkbench(page: Page, who: (typeof RATINGS)['redaktion' | 'newUser'], scan: boolean) {
  await openModule(page);
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: TITLE }) });
  await expect(card).toContainText('0 von 7 beantwortet');
  await card.getByRole('link', { name: withHidden('Einschätzung beginnen', TITLE) }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Einschätzen: ${TITLE}` })).toBeVisible();

  for (const [i, name] of COMPONENTS.entries()) {
    const level = who.levels[i] ?? null;
    const form = page.locator('form.as-answer').filter({
      has: page.getByRole('heading', { level: 2, name: `${i + 1}. ${name}` }),
    });
    const state = form.locator('.as-save-state');
    const radio =
      level === null
        ? form.getByRole('radio', { name: 'kann ich nicht einschätzen' })
        : form.getByRole('radio', { name: typeName(level) });
    await radio.check();
    // A choice is saved at once.
    await expect(state).toHaveText(/gespeichert \d{1,2}:\d{2} Uhr$/);
    if (who.comment[0] === name) {
      // A comment is saved when the field is left.
      await form.getByLabel('Kommentar (optional)').fill(who.comment[1]);
      await expect(state).toContainText('Änderungen noch nicht gespeichert');
      await form.getByLabel('Kommentar (optional)').press('Tab');
      await expect(state).toHaveText(/^\W*gespeichert \d{1,2}:\d{2} Uhr$/);
    }
  }
  await expect(page.locator('#ans-progress')).toContainText('7 von 7 beantwortet');
  if (scan) await expectNoAxeViolations(page, 'answer page (Einschätzen)');

  const submit = page.getByRole('region', { name: 'Einschätzung abgeben' });
  await submit.getByRole('button', { name: 'Einschätzung abgeben' }).click();
  await expect(submit).toContainText('Das Bildungsbüro sieht dann, dass Sie fertig sind.');
  await submit.getByRole('button', { name: 'Ja, abgeben' }).click();
  await expect(submit.locator('.alert-success')).toContainText('Sie haben Ihre Einschätzung am');

  // Reloaded, the choices are still there (saved on the server, not only in the page).
  await page.reload();
  const first = page.locator('form.as-answer').first();
  await expect(first.getByRole('radio', { name: typeName(who.levels[0]!) })).toBeChecked();
}

/** Page objects of a PDF (Chromium writes them uncompressed). */
const pdfPages = (bytes: Buffer) =>
  (bytes.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;

async function download(page: Page, link: Locator) {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const target = await file.path();
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(target) };
}

test.describe.serial('Selbsteinschätzung end to end', () => {
  test('the editor creates a round and invites two people and an external partner', async ({ browser }) => {
    const { context, page } = await newPage(browser);
    await signInAdminToMusterstadt(page);

    // A second person of the municipality (contributor) with a start password.
    await page.getByRole('navigation', { name: 'Module' }).getByRole('link', { name: 'Personen' }).click();
    await page.getByLabel('Mit Startpasswort anlegen').check();
    await page.getByLabel('E-Mail-Adresse').fill(NEW_USER.email);
    await page.getByLabel('Name', { exact: true }).fill(NEW_USER.name);
    await page.getByLabel('Rolle', { exact: true }).selectOption('contributor');
    await page.getByLabel('Startpasswort', { exact: true }).fill(NEW_USER.password);
    await page.getByRole('button', { name: 'Person hinzufügen' }).click();
    await expect(page.getByRole('table').filter({ hasText: NEW_USER.email })).toBeVisible();

    // Round list with the closed demo round.
    await openModule(page);
    const rounds = page.getByRole('table', { name: /Einschätzungsrunden/ });
    await expect(rounds.getByRole('row', { name: new RegExp(EARLIER) })).toContainText('abgeschlossen');
    await expectNoAxeViolations(page, 'round list');

    // New round.
    await page.getByRole('button', { name: 'Neue Einschätzungsrunde anlegen' }).click();
    const form = page.getByRole('form', { name: 'Neue Einschätzungsrunde' });
    await form.getByLabel('Titel').fill(TITLE);
    await form.getByLabel('Zweck').fill('Standortbestimmung vor der Bildungskonferenz (Test).');
    const end = new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel('Ende', { exact: true }).fill(end);
    await expectNoAxeViolations(page, 'round list with the new-round form');
    await form.getByRole('button', { name: 'Runde anlegen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    await expect(page).toHaveURL(/\/selbsteinschaetzung\/runden\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('status').filter({ hasText: 'Die Runde wurde angelegt.' })).toBeVisible();
    await expect(page.locator('.as-details')).toContainText('Entwurf');

    // Invite the demo editor (Redaktion) and the new person.
    const addUser = page.getByRole('form', { name: 'Person der Kommune einladen' });
    const participants = page.getByRole('region', { name: 'Beteiligte und Bearbeitungsstand' });
    for (const email of [REDAKTION.email, NEW_USER.email]) {
      const select = addUser.getByLabel('Person', { exact: true });
      const value = await select.locator('option', { hasText: email }).getAttribute('value');
      await select.selectOption(value!);
      await addUser.getByRole('button', { name: 'Einladen' }).click();
      await expect(participants.getByRole('status').filter({ hasText: 'ist eingeladen.' })).toBeVisible();
      await expect(select.locator('option', { hasText: email })).toHaveCount(0);
    }
    const table = participants.getByRole('table', { name: `Beteiligte der Runde „${TITLE}“` });
    await expect(table.getByRole('row', { name: new RegExp(NEW_USER.name) })).toContainText(
      'Ämter und Fachbereiche',
    );

    // Personal link for the external partner, shown once in the page.
    const addExternal = page.getByRole('form', { name: 'Externen Partner einladen' });
    await addExternal.getByLabel('Bezeichnung').fill(EXTERNAL);
    await addExternal.getByRole('button', { name: 'Link erzeugen' }).click();
    const link = await page.getByLabel(`Persönlicher Link für „${EXTERNAL}“`).inputValue();
    expect(link).toMatch(/\/einschaetzung\/[A-Za-z0-9_-]{20,}$/);
    externalPath = new URL(link).pathname;
    await expect(table.getByRole('row')).toHaveCount(4);
    await expect(table.getByRole('row', { name: new RegExp(EXTERNAL) })).toContainText('persönlicher Link');
    await expectNoAxeViolations(page, 'round editor (draft, participants, one-time link)');

    // Open the round.
    await page.getByRole('button', { name: 'Runde öffnen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Die Runde ist geöffnet.' })).toBeVisible();
    await expect(page.locator('.as-details')).toContainText('geöffnet');
    await expect(page.getByRole('button', { name: 'Runde abschließen' })).toBeVisible();
    await expectNoAxeViolations(page, 'round editor (open)');
    await context.close();
  });

  test('the Redaktion answers in the workbench', async ({ browser }) => {
    const { context, page } = await newPage(browser);
    await signIn(page, REDAKTION);
    await answerInWorkbench(page, RATINGS.redaktion, true);
    await context.close();
  });

  test('the new person signs in with the start password and answers', async ({ browser }) => {
    const { context, page } = await newPage(browser);
    await signIn(page, NEW_USER);
    await answerInWorkbench(page, RATINGS.newUser, false);
    await context.close();
  });

  test('the external partner answers by personal link without JavaScript', async ({ browser }) => {
    expect(externalPath).not.toBe('');
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    // axe needs a script in the page, which a context without JavaScript cannot run: the same address is
    // scanned in a second context (the page contains no script, so it renders the same in both).
    const scanner = await newPage(browser);
    const scan = async (label: string) => {
      await scanner.page.goto(new URL(page.url()).pathname + new URL(page.url()).search);
      await expect(scanner.page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
      await expectNoAxeViolations(scanner.page, label);
    };
    await page.goto(externalPath);
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    await expect(page.getByRole('main')).toContainText(`bittet Sie als „${EXTERNAL}“ um Ihre Einschätzung`);
    expect(await page.locator('script').count()).toBe(0);
    await scan('external form (no JavaScript)');
    const group = (i: number) =>
      page.getByRole('group', { name: new RegExp(`^${i + 1}\\. ${COMPONENTS[i]}`) });
    const choose = async (i: number) => {
      const level = RATINGS.external.levels[i];
      await group(i)
        .getByRole('radio', {
          name: level === null ? 'kann ich nicht einschätzen' : new RegExp(`^Typ ${level}:`),
        })
        .check();
    };

    // CSRF: a post without the form's token (the cookie alone) is refused and saves nothing.
    const token = await page.locator('input[name="_csrf"]').getAttribute('value');
    expect(token).toBeTruthy();
    const forged = await context.request.post(externalPath, {
      form: { typ_strategische_ziele: '4', aktion: 'speichern' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
    expect(await forged.text()).toContain('Ihre Angaben wurden noch nicht gespeichert');

    // Three components, then „Zwischenspeichern“ (post, redirect, page with the saved values).
    for (const i of [0, 1, 2]) await choose(i);
    const [name, text] = RATINGS.external.comment;
    await page.getByLabel(`Kommentar zu „${name}“ (freiwillig)`).fill(text);
    // Evidence as a file, uploaded with the form (multipart, no JavaScript).
    await group(3)
      .getByLabel('Datei als Nachweis (freiwillig)')
      .setInputFiles({
        name: 'Kooperationsvereinbarung.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
      });
    await page.getByRole('button', { name: 'Zwischenspeichern' }).click();
    await expect(page).toHaveURL(/\?status=gespeichert$/);
    await expect(page.getByRole('status')).toContainText('Ihre Angaben sind zwischengespeichert.');
    await expect(group(3)).toContainText('Gespeicherte Datei: Kooperationsvereinbarung.pdf (1 KB)');
    await expect(group(3).getByLabel('Datei „Kooperationsvereinbarung.pdf“ entfernen')).not.toBeChecked();
    await expect(group(0).getByRole('radio', { name: /^Typ 3:/ })).toBeChecked();
    await expect(group(0).getByRole('radio', { name: /^Typ 4:/ })).not.toBeChecked();
    await expect(page.getByLabel(`Kommentar zu „${name}“ (freiwillig)`)).toHaveValue(text);

    // „Abschließen“ with open components: the page lists them.
    await page.getByRole('button', { name: 'Abschließen' }).click();
    await expect(page).toHaveURL(/\?status=unvollstaendig$/);
    const summary = page.getByRole('alert');
    await expect(summary).toContainText('Bitte prüfen Sie Ihre Angaben');
    await expect(summary.getByRole('link')).toHaveCount(4);
    await scan('external form with errors (no JavaScript)');

    for (const i of [3, 4, 5, 6]) await choose(i);
    await page.getByRole('button', { name: 'Abschließen' }).click();
    await expect(page).toHaveURL(/\?status=abgeschlossen$/);
    await expect(page.getByRole('status')).toContainText('Vielen Dank!');
    await expect(group(6).getByRole('radio', { name: /^Typ 2:/ })).toBeChecked();
    await expect(group(2).getByRole('radio', { name: 'kann ich nicht einschätzen' })).toBeChecked();
    await scan('external form submitted (no JavaScript)');
    await scanner.context.close();
    await context.close();
  });

  test('the facilitator consolidates in the workshop and closes the round', async ({ browser }) => {
    const { context, page } = await newPage(browser);
    await signInAdminToMusterstadt(page);
    await openRoundAsEditor(page);
    const participants = page.getByRole('table', { name: `Beteiligte der Runde „${TITLE}“` });
    await expect(participants.getByText('✓ abgegeben')).toHaveCount(3);
    await expect(page.locator('.as-details')).toContainText('3 von 3 Personen haben abgegeben');

    await page
      .getByRole('navigation', { name: `Runde „${TITLE}“` })
      .getByRole('link', { name: 'Workshop' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: `Workshop: ${TITLE}` })).toBeVisible();

    // Distribution of the ratings.
    const overview = page.getByRole('table', { name: 'Einschätzungen und vereinbarte Typen je Komponente' });
    const row = (name: string) => overview.getByRole('row', { name: new RegExp(`^${name}`) });
    await expect(row('Datenbasierung')).toContainText('3');
    await expect(row('Datenbasierung')).toContainText('Typ 3 bis Typ 4');
    await expect(row('Externe Kooperation')).toContainText('+ 1× „kann ich nicht einschätzen“');
    const section = (i: number) => page.getByRole('region', { name: `${i + 1}. ${COMPONENTS[i]}` });
    const daten = section(1);
    await expect(daten).toContainText('3 Einschätzungen mit Typ');
    const bars = daten.getByRole('list', { name: 'Verteilung' }).getByRole('listitem');
    await expect(bars).toHaveCount(4);
    await expect(bars.nth(2)).toHaveText(/Typ\s3\s*2\s*Einschätzungen/);
    await expect(bars.nth(3)).toHaveText(/Typ\s4\s*1\s*Einschätzung$/);
    const who = daten.getByRole('table', { name: 'Wer hat was eingeschätzt: Datenbasierung' });
    await expect(who.getByRole('row', { name: new RegExp(EXTERNAL) })).toContainText('Typ 3');
    await expect(who.getByRole('row', { name: new RegExp(NEW_USER.name) })).toContainText('Typ 4');
    await expect(daten).toContainText(RATINGS.redaktion.comment[1]);
    const externe = section(3);
    await expect(externe).toContainText('2 Einschätzungen mit Typ, 1× „kann ich nicht einschätzen“');
    await expect(externe.getByRole('row', { name: new RegExp(NEW_USER.name) })).toContainText(
      'kann ich nicht einschätzen',
    );
    await expect(externe).toContainText(RATINGS.external.comment[1]);
    await expect(externe.getByRole('link', { name: /Kooperationsvereinbarung\.pdf/ })).toBeVisible();
    await expectNoAxeViolations(page, 'workshop');

    // Agreed type with rationale for every component.
    for (const [i, name] of COMPONENTS.entries()) {
      const s = section(i);
      await s
        .getByRole('group', { name: withHidden('Gemeinsam vereinbarter Typ', name) })
        .getByRole('radio', { name: typeName(AGREED[i]!) })
        .check();
      await s
        .getByLabel(withHidden('Begründung', name))
        .fill(`Im Workshop vereinbart: ${name} entspricht Typ ${AGREED[i]}.`);
      await s.getByRole('button', { name: withHidden('Vereinbarung speichern', name) }).click();
      await expect(s.locator('.as-agreed-info')).toContainText(`Vereinbart: Typ ${AGREED[i]} (`);
    }
    await expect(page.getByRole('region', { name: 'Stand der Konsolidierung' })).toContainText(
      '7 von 7 Komponenten vereinbart',
    );
    await expect(row('Qualität')).toContainText('✓ Typ 1');
    await expectNoAxeViolations(page, 'workshop (all agreed)');

    // Close the round on the round page.
    await page
      .getByRole('navigation', { name: `Runde „${TITLE}“` })
      .getByRole('link', { name: 'Runde verwalten' })
      .click();
    const status = page.getByRole('region', { name: 'Status', exact: true });
    await status.getByRole('button', { name: 'Runde abschließen' }).click();
    await expect(status).toContainText('Runde wirklich abschließen? 3 von 3 Personen haben abgegeben.');
    await status.getByRole('button', { name: 'Ja, abschließen' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Die Runde ist abgeschlossen.' })).toBeVisible();
    await expect(page.locator('.as-details')).toContainText('abgeschlossen');
    await expect(page.locator('.as-details')).toContainText('7 von 7 Komponenten vereinbart');
    await expectNoAxeViolations(page, 'round editor (closed)');

    // The workshop is now read-only.
    await status.getByRole('link', { name: 'Zum Workshop' }).click();
    await expect(page.getByText('Die Runde ist abgeschlossen; die vereinbarten Typen können')).toBeVisible();
    await expect(page.getByRole('button', { name: /Vereinbarung/ })).toHaveCount(0);
    await context.close();
  });

  test('the results show the radar, the comparison with 2025 and download as PDF', async ({ browser }) => {
    const { context, page } = await newPage(browser);
    await signInAdminToMusterstadt(page);
    await openRoundAsEditor(page);
    await page
      .getByRole('region', { name: 'Status', exact: true })
      .getByRole('link', { name: 'Zum Ergebnis' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: `Ergebnis: ${TITLE}` })).toBeVisible();

    // Compare with the demo round (a choice appears only when there are several earlier rounds).
    const compare = page.getByLabel('Vergleichen mit');
    if (await compare.count()) {
      const value = await compare.locator('option', { hasText: EARLIER }).getAttribute('value');
      await compare.selectOption(value!);
    }

    // Radar: drawn as SVG with the agreed profile, the range and the earlier round.
    const radar = page.getByTestId('profile-radar');
    await expect(radar).toHaveAttribute('data-ready', 'true');
    await expect(
      radar.getByRole('img', { name: `Netzdiagramm des Profils der Runde „${TITLE}“` }),
    ).toBeVisible();
    const svg = radar.locator('svg');
    await expect(svg).toHaveCount(1);
    await expect(svg.locator('path').first()).toBeAttached();
    for (const series of [
      `Vereinbarter Typ – ${TITLE}`,
      'Spannweite der Einzeleinschätzungen',
      `Frühere Runde – ${EARLIER}`,
    ]) {
      await expect(svg.locator('text', { hasText: series })).toHaveCount(1);
    }
    for (const name of COMPONENTS)
      await expect(svg.locator('text', { hasText: name }).first()).toBeAttached();
    await expect(page.locator('#rs-profile-desc')).toContainText(
      `Die gestrichelte Linie mit Quadraten zeigt die frühere Runde „${EARLIER}“.`,
    );

    // The table with the same values, the earlier round and the change.
    const profile = page.getByRole('table', { name: `Profil der Runde „${TITLE}“ je Kernkomponente` });
    await expect(profile.getByRole('columnheader', { name: `Frühere Runde (${EARLIER})` })).toBeVisible();
    const prow = (name: string) => profile.getByRole('row', { name: new RegExp(`^${name}`) });
    await expect(prow('Strategische Ziele')).toHaveText(/Typ\s3\s*Typ\s2 bis Typ\s3\s*Typ\s2\W*höher/);
    await expect(prow('Qualität')).toContainText('niedriger');
    await expect(prow('Datenbasierung')).toContainText('gleich');

    // Changes against 2025: Strategische Ziele, Externe Kooperation, Öffentlichkeit up; Qualität down.
    const changes = page.getByRole('region', { name: `Veränderungen gegenüber „${EARLIER}“` });
    await expect(changes).toContainText(
      'Gegenüber der Runde bis 11.04.2025: 3 Komponenten höher, 1 niedriger, 3 gleich.',
    );
    const changed = changes.getByRole('table');
    await expect(changed.getByRole('row')).toHaveCount(5);
    await expect(changed.getByRole('row', { name: /^Öffentlichkeit/ })).toContainText('höher');
    await expect(changed.getByRole('row', { name: /^Qualität/ })).toContainText('niedriger');

    // Development goals from the agreed types.
    await expect(page.getByRole('region', { name: 'Entwicklungsziele' })).toContainText(
      'Von Typ\u00a01 zu Typ\u00a02',
    );
    await expectNoAxeViolations(page, 'results');

    // Downloads: the one-page profile as PDF, the Word report and the ratings as CSV.
    const downloads = page.getByRole('region', { name: 'Downloads' });
    const pdf = await download(page, downloads.getByRole('link', { name: 'Profil als PDF' }));
    expect(pdf.name).toMatch(/_profil\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPages(pdf.bytes)).toBe(1);
    const report = await download(page, downloads.getByRole('link', { name: 'Bericht als PDF' }));
    expect(report.name).toMatch(/_bericht\.pdf$/);
    expect(report.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPages(report.bytes)).toBeGreaterThanOrEqual(1);

    const docx = await download(
      page,
      downloads.getByRole('link', { name: 'Bericht als Word-Dokument (DOCX)' }),
    );
    expect(docx.name).toMatch(/_bericht\.docx$/);
    expect(docx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    const csv = await download(page, downloads.getByRole('link', { name: 'Einzeleinschätzungen als CSV' }));
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('Person;Gruppe;Komponente;Typ;Kann ich nicht einschätzen');
    expect(text).toContain(EXTERNAL);
    expect(text).toContain(RATINGS.external.comment[1]);
    await context.close();
  });
});
