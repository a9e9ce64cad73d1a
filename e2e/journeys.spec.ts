import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './helpers';

test('sign in, switch tenant, create a person, sign out', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // Switch between the two demo tenants with the switcher in the header.
  const switcher = page.getByLabel('Kommune wechseln');
  await switcher.selectOption({ label: 'Musterstadt (Demo)' });
  await expect(page).toHaveURL(/\/app\/t\/musterstadt$/);
  await expect(page.getByRole('main')).toContainText('Musterstadt (Demo)');
  await switcher.selectOption({ label: 'Landkreis Beispielkreis (Demo)' });
  await expect(page).toHaveURL(/\/app\/t\/beispielkreis$/);
  await expect(page.getByRole('main')).toContainText('Landkreis Beispielkreis (Demo)');

  // Create a person with a start password in Beispielkreis.
  await page.goto('/app/t/beispielkreis/verwaltung/personen');
  const email = `neu-${Date.now()}@beispielkreis.example`;
  await page.getByLabel('Mit Startpasswort anlegen').check();
  await page.getByLabel('E-Mail-Adresse').fill(email);
  await page.getByLabel('Name', { exact: true }).fill('Nora Neu');
  await page.getByLabel('Rolle', { exact: true }).selectOption('editor');
  await page.getByLabel('Startpasswort', { exact: true }).fill('ein-sicheres-startpasswort');
  await page.getByRole('button', { name: 'Person hinzufügen' }).click();
  await expect(page.getByRole('table').filter({ hasText: email })).toBeVisible();

  // Sign out: the workbench asks for a new sign-in.
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page).toHaveURL(/\/app\/anmelden/);
  await page.goto('/app/t/beispielkreis');
  await expect(page).toHaveURL(/\/app\/anmelden/);

  // The new person can sign in and lands in Beispielkreis as editor.
  await signIn(page, { email, password: 'ein-sicheres-startpasswort' });
  await expect(page).toHaveURL(/\/app\/t\/beispielkreis/);
});

test('wrong password shows a generic German error and no session', async ({ page }) => {
  await page.goto('/app/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(DEMO.admin.email);
  await page.getByLabel('Passwort', { exact: true }).fill('falsches-passwort-123');
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page.getByRole('alert')).toContainText('E-Mail-Adresse oder Passwort ist falsch');
  await expect(page).toHaveURL(/\/app\/anmelden/);
});

test('a viewer sees no administration', async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await page.goto('/app/t/musterstadt/verwaltung/personen');
  await expect(page.getByRole('main')).toContainText(/keine Berechtigung/i);
  await expect(
    page.getByRole('navigation', { name: 'Module' }).getByRole('link', { name: 'Personen' }),
  ).toHaveCount(0);
});
