import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO, expectNoAxeViolations, signIn } from './helpers';

/*
 * Bildungsbericht end to end in the browser: the editor creates a report from the Leitfaden template,
 * writes a chapter with a text and a chart block (chart with table), comments and resolves, submits,
 * releases and publishes it; the public page works without JavaScript and passes axe; the downloads open
 * (PDF page rendered to PNG and checked for the chart, DOCX unzipped and checked for headings and table).
 */

const suffix = String(Date.now() % 1_000_000);
const TITLE = `Bildungsbericht Test ${suffix}`;
const POPULATION = 'Bevölkerung nach Altersgruppen';
const RATE = 'Betreuungsquote unter 3 Jahren';
const REC = `Lernorte im Quartier öffnen ${suffix}`;
const GOAL = 'Betreuungsangebote für unter Dreijährige ausbauen';
const LINK = 'https://www.statistik.example/bevoelkerung';
const FOOTNOTE = 'Fortschreibung des Bevölkerungsstandes zum 31.12.2025.';

async function download(page: Page, link: Locator) {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

let reportUrl = '';

test.describe.serial('Bildungsbericht end to end', () => {
  test('write a chapter with a chart block, comment and resolve, release and publish', async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, DEMO.admin);
    await page.goto('/app/t/musterstadt/berichte');
    await expect(page.getByRole('heading', { level: 1, name: 'Berichte' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Bildungsbericht 2025', exact: true })).toBeVisible();
    await expectNoAxeViolations(page, 'Berichte');

    await page.getByLabel('Titel', { exact: true }).fill(TITLE);
    await page.getByLabel('Berichtszeitraum').fill('2026');
    await page.getByRole('button', { name: 'Bericht anlegen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    reportUrl = page.url();
    await expect(
      page.getByRole('heading', { name: '8 Non-formale und informelle Lernwelten' }),
    ).toBeVisible();

    const chapter = page.getByRole('region', { name: '1 Rahmenbedingungen' });
    await chapter.getByText('Baustein anfügen', { exact: true }).first().click();
    await chapter
      .getByLabel('Text', { exact: true })
      .fill('Die Bevölkerung wächst in fast allen Bezirken um 2 %.');
    await chapter.getByRole('button', { name: 'Baustein anfügen' }).click();
    // The saved block (not the text still in the form's editor): its article holds the text.
    await expect(
      chapter.getByRole('article', { name: /^Text – / }).getByText('Die Bevölkerung wächst'),
    ).toBeVisible();

    await chapter.getByLabel('Art des Bausteins').selectOption({ label: 'Indikator-Diagramm (mit Tabelle)' });
    await chapter.getByLabel('Indikator', { exact: true }).selectOption({ label: POPULATION });
    await chapter.getByLabel('Beschriftung (optional)').fill('Bevölkerung nach Stadtbezirk');
    await expect(chapter.getByLabel('Beschriftung (optional)')).toHaveValue('Bevölkerung nach Stadtbezirk');
    await chapter.getByRole('button', { name: 'Baustein anfügen' }).click();
    const chart = chapter.getByRole('img', { name: /Abbildung: Bevölkerung nach Stadtbezirk/ });
    await expect(chart).toBeVisible();
    await expect
      .poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(100);
    await expect(chapter.getByRole('table', { name: /Werte: Bevölkerung nach Stadtbezirk/ })).toContainText(
      'Altstadt',
    );

    // An info box with a title and rich text.
    await chapter.getByLabel('Art des Bausteins').selectOption({ label: 'Infokasten' });
    await chapter.getByLabel('Überschrift des Kastens (optional)').fill('Was zählt als Bezirk?');
    await chapter
      .getByRole('textbox', { name: 'Text', exact: true })
      .last()
      .fill('Die zwölf Stadtbezirke der amtlichen Gliederung.');
    await chapter.getByRole('button', { name: 'Baustein anfügen' }).click();
    await expect(
      chapter
        .getByRole('article', { name: /^Infokasten/ })
        .getByRole('heading', { name: 'Was zählt als Bezirk?' }),
    ).toBeVisible();

    // A map block: the choropleth (server-rendered SVG) with its table.
    await chapter
      .getByLabel('Art des Bausteins')
      .selectOption({ label: 'Karte (Choroplethenkarte mit Tabelle)' });
    await chapter.getByLabel('Indikator', { exact: true }).selectOption({ label: RATE });
    await chapter.getByLabel('Beschriftung (optional)').fill('Betreuungsquote nach Stadtbezirk');
    await chapter.getByRole('button', { name: 'Baustein anfügen' }).click();
    const map = chapter.getByRole('img', { name: /Abbildung: Betreuungsquote nach Stadtbezirk/ });
    await expect(map).toBeVisible();
    await expect
      .poll(() => map.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(100);

    // A recommendation written in the report (it appears under „Ziele & Steuerung“) and a goal from there.
    await chapter
      .getByLabel('Art des Bausteins')
      .selectOption({ label: 'Handlungsempfehlung (mit „Ziele & Steuerung“ verbunden)' });
    await chapter.getByLabel('Titel der Empfehlung').fill(REC);
    await chapter.getByLabel('Text der Empfehlung').fill('Schulhöfe und Bibliotheken öffnen nachmittags.');
    await chapter.getByRole('button', { name: 'Baustein anfügen' }).click();
    await expect(chapter.getByRole('heading', { name: `Handlungsempfehlung: ${REC}` })).toBeVisible();
    await chapter
      .getByLabel('Art des Bausteins')
      .selectOption({ label: 'Ziel mit Fortschritt (aus „Ziele & Steuerung“)' });
    await chapter.getByLabel('Ziel', { exact: true }).selectOption({ label: GOAL });
    await chapter.getByRole('button', { name: 'Baustein anfügen' }).click();
    await expect(chapter.getByRole('heading', { name: `Ziel: ${GOAL}` })).toBeVisible();
    await expect(chapter.getByRole('table', { name: `Zielwerte zum Ziel „${GOAL}“` })).toBeVisible();
    await chapter.getByLabel('Art des Bausteins').selectOption({ label: 'Kennzahl mit Entwicklung' });
    await chapter.getByLabel('Indikator', { exact: true }).selectOption({ label: POPULATION });
    await chapter.getByRole('button', { name: 'Baustein anfügen' }).click();
    await expect(chapter.getByText(/(gestiegen|gesunken) um .* gegenüber \d{4}/)).toBeVisible();
    // Edit the text: the chapter's change history shows who changed it, with the words inserted.
    await chapter
      .getByRole('article', { name: /^Text/ })
      .getByRole('button', { name: 'Text bearbeiten' })
      .click();
    const editor = chapter.getByRole('textbox', { name: 'Text', exact: true }).first();
    await editor.fill('Die Bevölkerung wächst in fast allen Bezirken um 2 % pro Jahr. Quelle: ');
    // Rich text (Tiptap): a link and a footnote, then bold through the toolbar.
    await chapter.getByLabel('Linkadresse (https://…)').first().fill('javascript:alert(1)');
    await chapter.getByRole('button', { name: 'Link setzen' }).first().click();
    await expect(chapter.getByText('Links müssen mit https://')).toBeVisible();
    await chapter.getByLabel('Linkadresse (https://…)').first().fill(LINK);
    await chapter.getByRole('button', { name: 'Link setzen' }).first().click();
    await chapter.getByLabel('Text der Fußnote').first().fill(FOOTNOTE);
    await chapter.getByRole('button', { name: 'Fußnote einfügen' }).first().click();
    await expect(editor.locator('sup[data-footnote]')).toHaveCount(1);
    await editor.press('End');
    await chapter.getByRole('button', { name: 'Fett' }).first().click();
    await expect(chapter.getByRole('button', { name: 'Fett' }).first()).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await editor.pressSequentially(' Stand 2025');
    await expectNoAxeViolations(page, 'Texteditor mit Link und Fußnote');
    await chapter.getByRole('button', { name: 'Text speichern' }).click();
    await expect(chapter.getByText('um 2 % pro Jahr')).toBeVisible();
    await expect(chapter.getByRole('link', { name: LINK })).toHaveAttribute('href', LINK);
    await expect(chapter.getByRole('list', { name: 'Fußnoten' })).toContainText(FOOTNOTE);
    await expect(chapter.locator('.rich-text strong')).toHaveText('Stand 2025');
    await chapter.getByText('Änderungsverlauf des Kapitels').click();
    await expect(
      chapter.locator('.report-history ins').filter({ hasText: 'pro Jahr' }).first(),
    ).toBeVisible();
    await expectNoAxeViolations(page, 'Bericht im Entwurf');

    const block = chapter.getByRole('article', { name: /Indikator-Diagramm/ });
    await block.getByLabel('Kommentar').fill('Bitte die Quelle prüfen');
    await block.getByRole('button', { name: 'Kommentar speichern' }).click();
    await expect(chapter.getByText('Bitte die Quelle prüfen')).toBeVisible();
    await chapter.getByRole('button', { name: 'Als erledigt markieren' }).click();
    // The server's answer is shown (the button itself says „erledigt“, so wait for its state line).
    const comment = chapter.getByRole('listitem').filter({ hasText: 'Bitte die Quelle prüfen' });
    await expect(comment.getByRole('button', { name: 'Als erledigt markieren' })).toHaveCount(0);
    await expect(comment).toContainText('– erledigt');

    await page.getByRole('button', { name: 'Zur Prüfung geben', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('„in Prüfung“');
    await page.getByRole('button', { name: 'Freigeben (Daten einfrieren)' }).click();
    await expect(page.getByText('Texte und Daten sind eingefroren')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Daten aktualisieren' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    await expect(page.getByRole('link', { name: 'Öffentliche Seite' })).toBeVisible();
    await expectNoAxeViolations(page, 'veröffentlichter Bericht');

    // Downloads: the PDF's chapter page shows the chart, the DOCX has headings and the table.
    const out = page.getByRole('region', { name: 'Ausgaben' });
    const pdf = await download(page, out.getByRole('link', { name: 'PDF' }));
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dkbm-e2e-report-'));
    fs.writeFileSync(path.join(dir, 'b.pdf'), pdf.bytes);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '40',
      '-f',
      '3',
      '-l',
      '3',
      path.join(dir, 'b.pdf'),
      path.join(dir, 's'),
    ]);
    const png = fs.readdirSync(dir).find((f) => f.endsWith('.png'))!;
    const stats = await page.evaluate(
      async (b64) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const g = c.getContext('2d')!;
        g.drawImage(img, 0, 0);
        const d = g.getImageData(0, 0, c.width, c.height).data;
        let blue = 0;
        for (let i = 0; i < d.length; i += 4) if (d[i + 2]! - d[i]! > 60) blue++;
        return { blue };
      },
      fs.readFileSync(path.join(dir, png)).toString('base64'),
    );
    // The bars of the chart are blue (#0b5394).
    expect(stats.blue).toBeGreaterThan(200);
    const docx = await download(page, out.getByRole('link', { name: 'Word (DOCX)' }));
    expect(docx.name).toMatch(/\.docx$/);
    fs.writeFileSync(path.join(dir, 'b.docx'), docx.bytes);
    const xml = execFileSync('unzip', ['-p', path.join(dir, 'b.docx'), 'word/document.xml'], {
      encoding: 'utf8',
    });
    expect(xml).toContain('w:val="Heading1"');
    expect(xml).toContain('<w:tbl>');
    expect(xml).toContain('Rahmenbedingungen');
    expect(xml).toContain(`Handlungsempfehlung 1: ${REC}`);
    // The footnote is a real Word footnote, the link a hyperlink.
    expect(xml).toContain('<w:footnoteReference');
    expect(xml).toContain('<w:hyperlink');
    const notes = execFileSync('unzip', ['-p', path.join(dir, 'b.docx'), 'word/footnotes.xml'], {
      encoding: 'utf8',
    });
    expect(notes).toContain(FOOTNOTE);
    // The PDF shows the footnote under its chapter and the link's address.
    const pdfText = execFileSync('pdftotext', [path.join(dir, 'b.pdf'), '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('Fußnoten');
    expect(pdfText).toContain(FOOTNOTE);
    expect(pdfText).toContain(`(${LINK})`);
    // The table of contents of the PDF names the page of each chapter.
    const toc = execFileSync('pdftotext', ['-layout', '-f', '2', '-l', '2', path.join(dir, 'b.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(toc).toMatch(/Rahmenbedingungen[ .]+3\s*$/m);

    // The recommendation written in the report is part of the steering loop.
    await page.goto('/app/t/musterstadt/ziele');
    await expect(page.getByText(REC).first()).toBeVisible();
  });

  test.describe('public page without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('lists the report and shows it with chart, table and table of contents', async ({ page }) => {
      await page.goto('/kommune/musterstadt');
      await page.getByRole('link', { name: /Veröffentlichte Bildungsberichte/ }).click();
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Bildungsberichte');
      await expect(page.getByRole('link', { name: 'Bildungsbericht 2025', exact: true })).toBeVisible();
      await page.getByRole('link', { name: TITLE, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
      await page
        .getByRole('navigation', { name: 'Inhalt' })
        .getByRole('link', { name: 'Rahmenbedingungen' })
        .click();
      await expect(page).toHaveURL(/#kapitel-1$/);
      await expect(page.getByRole('img', { name: /Balkendiagramm: Bevölkerung/ })).toBeVisible();
      // The table alternative opens without a script (<details>).
      await page.getByText('Tabelle zur Abbildung 1').click();
      await expect(page.getByRole('table', { name: /Werte zu Abbildung 1/ })).toContainText('Altstadt');
      // Rich text: the link and the footnote (numbered, linked both ways) without a script.
      await expect(page.getByRole('link', { name: LINK })).toHaveAttribute('href', LINK);
      await page.getByRole('link', { name: 'Fußnote 1', exact: true }).click();
      await expect(page).toHaveURL(/#fn-1$/);
      await expect(page.locator('#fn-1')).toContainText(FOOTNOTE);
      expect(await page.locator('script').count()).toBe(0);
    });
  });

  test('the public pages pass axe', async ({ page }) => {
    await page.goto('/kommune/musterstadt/berichte');
    await expectNoAxeViolations(page, 'öffentliche Berichtsliste');
    await page.getByRole('link', { name: TITLE, exact: true }).click();
    await expectNoAxeViolations(page, 'öffentlicher Bericht');
    await page.goto('/kommune/musterstadt/berichte');
    await page.getByRole('link', { name: 'Bildungsbericht 2025', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bildungsbericht 2025');
    // The demo report's map: an SVG choropleth with its text alternative and the table beside it.
    const map = page.getByRole('img', { name: /^Karte: Betreuungsquote unter 3 Jahren nach Gebiet/ });
    await expect(map).toBeVisible();
    expect(await map.locator('path').count()).toBeGreaterThan(2);
    await expectNoAxeViolations(page, 'öffentlicher Demo-Bericht 2025');
    expect(reportUrl).toContain('/berichte/');
  });
});
