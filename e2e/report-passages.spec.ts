import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, signIn } from './helpers';

/*
 * Comments on passages: the Redaktion writes a text and names a „Mitwirkende“ as the chapter's author;
 * she marks a passage in the text, comments on it (the passage is highlighted) and resolves the comment
 * (the highlight goes). Every page state passes axe.
 */

const AUTHOR = { email: 'fachbereich@musterstadt.example', password: 'fachbereich-demo-passwort' };
const TITLE = 'Anmerkungsbericht E2E';
const PASSAGE = 'in der Altstadt kaum';
let reportUrl = '';

test.describe.serial('comments on passages', () => {
  test('the Redaktion writes a text and names the author', async ({ page }) => {
    await signIn(page, DEMO.admin);
    await page.goto('/app/t/musterstadt/berichte');
    await page.getByLabel('Titel', { exact: true }).fill(TITLE);
    await page.getByLabel('Berichtszeitraum').fill('2026');
    await page.getByRole('button', { name: 'Bericht anlegen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    reportUrl = page.url();
    const chapter = page.getByRole('region', { name: '1 Rahmenbedingungen' });
    await chapter.getByText('Baustein anfügen', { exact: true }).first().click();
    await chapter
      .getByRole('textbox', { name: 'Text', exact: true })
      .fill(`Die Betreuungsquote steigt deutlich, ${PASSAGE}.`);
    await chapter.getByRole('button', { name: 'Baustein anfügen' }).click();
    await expect(chapter.getByText('Die Betreuungsquote steigt deutlich')).toBeVisible();
    await chapter.getByText('Zuständigkeit und Prüfung', { exact: true }).click();
    await chapter.getByRole('checkbox', { name: 'Finn Fachbereich' }).check();
    await chapter.getByRole('button', { name: 'Zuständigkeit speichern' }).click();
    await expect(chapter.getByRole('definition').filter({ hasText: 'Finn Fachbereich' })).toBeVisible();
  });

  test('the author comments on a marked passage and resolves it', async ({ page }) => {
    await signIn(page, AUTHOR);
    await page.goto(reportUrl);
    const chapter = page.getByRole('region', { name: '1 Rahmenbedingungen' });
    const block = chapter.getByRole('article').first();
    // Select the passage in the text as a person does with the mouse or Shift+arrows.
    await block
      .locator('.rich-text p')
      .first()
      .evaluate((p, q) => {
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const at = n.textContent!.indexOf(q);
          if (at < 0) continue;
          const range = document.createRange();
          range.setStart(n, at);
          range.setEnd(n, at + q.length);
          const sel = window.getSelection()!;
          sel.removeAllRanges();
          sel.addRange(range);
          return;
        }
      }, PASSAGE);
    await block.getByRole('button', { name: 'Markierten Text übernehmen' }).click();
    await expect(block.getByLabel('Textstelle (optional)')).toHaveValue(PASSAGE);
    await block.getByLabel('Kommentar', { exact: true }).fill('Bitte die Zahl für die Altstadt nennen.');
    await block.getByRole('button', { name: 'Kommentar speichern' }).click();

    await expect(chapter.getByText(`Zur Textstelle „${PASSAGE}“`)).toBeVisible();
    const mark = chapter.locator('mark.report-passage');
    await expect(mark).toHaveText(PASSAGE);
    await expectNoAxeViolations(page, 'Kommentar zu einer Textstelle');

    await chapter.getByRole('button', { name: 'Als erledigt markieren' }).click();
    await expect(chapter.getByRole('button', { name: 'Als erledigt markieren' })).toHaveCount(0);
    await expect(chapter.getByText('– erledigt', { exact: false }).first()).toBeVisible();
    await expect(chapter.locator('mark.report-passage')).toHaveCount(0);
    await expectNoAxeViolations(page, 'Kommentar erledigt');
  });
});
