import { expect, test } from '@playwright/test';

test.use({ javaScriptEnabled: false });

test('public landing page works without JavaScript', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bildung vor Ort');
  await page.getByRole('link', { name: 'Musterstadt (Demo)' }).click();
  await expect(page).toHaveURL(/\/kommune\/musterstadt$/);
  await expect(page.getByRole('region', { name: 'Hinweis zu Demodaten' })).toContainText('Demodaten');
  const table = page.getByRole('table');
  await expect(table).toContainText('Altstadt');
  // German number format in the table (thousands separator '.').
  await expect(table.getByRole('cell').first()).toHaveText(/^\d{1,3}(\.\d{3})+$/);

  // Language switch is a plain link and needs no script.
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/kommune\/musterstadt$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Population by district' })).toBeVisible();
  // Nothing on the public pages needs a script (axe scans the same pages in a11y.spec.ts).
  expect(await page.locator('script').count()).toBe(0);
  await page.getByRole('link', { name: 'Deutsch' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');

  // The skip link is the first focusable element and leads to the main content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Zum Inhalt springen' })).toBeFocused();
});
