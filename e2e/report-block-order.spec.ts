import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, signIn } from './helpers';

/*
 * Arranging a chapter in the workbench: blocks move up and down (the buttons at the ends are off), and
 * deleting a block asks first — „Abbrechen“ keeps it, „Ja, löschen“ removes it.
 */

const TITLE = `Reihenfolge E2E ${Date.now() % 1_000_000}`;

test('blocks move up and down; deleting asks first', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.admin);
  await page.goto('/app/t/musterstadt/berichte');
  await page.getByLabel('Titel', { exact: true }).fill(TITLE);
  await page.getByLabel('Berichtszeitraum').fill('2026');
  await page.getByRole('button', { name: 'Bericht anlegen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();

  const chapter = page.getByRole('region', { name: '1 Rahmenbedingungen' });
  const saved = chapter.getByRole('article', { name: /^Text – / });
  await chapter.getByText('Baustein anfügen', { exact: true }).first().click();
  for (const [i, text] of ['Erster Absatz.', 'Zweiter Absatz.'].entries()) {
    await chapter.getByLabel('Text', { exact: true }).fill(text);
    await chapter.getByRole('button', { name: 'Baustein anfügen' }).click();
    await expect(saved).toHaveCount(i + 1);
  }
  await expect(saved).toHaveText([/Erster Absatz/, /Zweiter Absatz/]);
  await expect(saved.first().getByRole('button', { name: 'Nach oben' })).toBeDisabled();
  await expect(saved.last().getByRole('button', { name: 'Nach unten' })).toBeDisabled();

  await saved.last().getByRole('button', { name: 'Nach oben' }).click();
  await expect(saved).toHaveText([/Zweiter Absatz/, /Erster Absatz/]);
  await page.reload();
  await expect(saved).toHaveText([/Zweiter Absatz/, /Erster Absatz/]);

  // Delete asks first; the question has the focus; „Abbrechen“ keeps the block.
  const first = saved.first();
  await first.getByRole('button', { name: 'Baustein löschen' }).click();
  const question = first.getByRole('group', { name: 'Baustein löschen' });
  await expect(question).toContainText('Diesen Baustein wirklich löschen?');
  await expect(question.getByRole('button', { name: 'Ja, löschen' })).toBeFocused();
  await expectNoAxeViolations(page, 'Baustein löschen – Rückfrage');
  await question.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(saved).toHaveCount(2);
  await first.getByRole('button', { name: 'Baustein löschen' }).click();
  await first.getByRole('button', { name: 'Ja, löschen' }).click();
  await expect(saved).toHaveCount(1);
  await expect(saved).toHaveText([/Erster Absatz/]);
});
