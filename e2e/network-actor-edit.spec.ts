import { expect, test } from '@playwright/test';
import { DEMO, expectNoAxeViolations, signIn } from './helpers';

/*
 * The actors directory: an editor changes an existing actor (type, topics, address) in the workbench;
 * the form opens with the actor's details, „Abbrechen“ changes nothing, saving shows the new details.
 * The spec changes only an actor it creates itself (other specs read the demo actors in parallel).
 */

const NAME = `Lernwerkstatt E2E ${Date.now() % 1_000_000}`;

test('an editor changes an existing actor', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto('/app/t/musterstadt/netzwerk/akteure');
  await expect(page.getByRole('heading', { level: 1, name: 'Akteure' })).toBeVisible();
  const create = page.getByRole('form', { name: 'Akteur anlegen' });
  await create.getByLabel('Name der Organisation').fill(NAME);
  await create.getByRole('button', { name: 'Akteur anlegen' }).click();
  const row = page.getByRole('row', { name: new RegExp(`^${NAME}`) });
  await expect(row).toContainText('Verein');

  // „Abbrechen“ closes the form and keeps everything.
  await row.getByRole('button', { name: `${NAME} bearbeiten` }).click();
  const edit = page.getByRole('form', { name: `Akteur bearbeiten: ${NAME}` });
  await expect(edit.getByLabel('Name der Organisation')).toHaveValue(NAME);
  await expect(edit.getByLabel('Name der Organisation')).toBeFocused();
  await edit.getByLabel('Anschrift').fill('Wird nicht gespeichert');
  await edit.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(edit).toHaveCount(0);
  await row.getByRole('button', { name: `${NAME} bearbeiten` }).click();
  await expect(edit.getByLabel('Anschrift')).toHaveValue('');

  // An empty name is refused at the field; then the changes are saved and shown.
  await edit.getByLabel('Name der Organisation').fill(' ');
  await edit.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(edit.getByText('Bitte den Namen der Organisation eingeben.')).toBeVisible();
  await edit.getByLabel('Name der Organisation').fill(`${NAME} gGmbH`);
  await edit.getByLabel('Art', { exact: true }).selectOption({ label: 'Stiftung' });
  await edit.getByRole('checkbox', { name: 'Frühkindliche Bildung' }).check();
  await edit.getByLabel('Anschrift').fill('Am Markt 1, 12345 Musterstadt');
  await expectNoAxeViolations(page, 'Akteur bearbeiten');
  await edit.getByRole('button', { name: 'Änderungen speichern' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: `„${NAME} gGmbH“ wurden gespeichert` }),
  ).toBeVisible();
  const changed = page.getByRole('row', { name: new RegExp(`^${NAME} gGmbH`) });
  await expect(changed).toContainText('Stiftung');
  await expect(changed).toContainText('Frühkindliche Bildung');
  await page.reload();
  await expect(changed).toContainText('Frühkindliche Bildung');
});
