import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

/*
 * Portal settings (issue 13): the Bildungsbüro sets contact and colour for its public portal; a colour
 * without enough contrast is refused; the public start page (without JavaScript) shows the contact with
 * imprint and privacy links. axe on the settings page and the start page at 1280 and 320 px.
 */

const EDITOR = { email: 'redaktion@musterstadt.example', password: 'redaktion-demo-passwort' };

test('the Bildungsbüro changes the portal settings; the public start page shows them', async ({
  browser,
}) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, EDITOR);
  await page.goto('/app/t/musterstadt');
  await page
    .getByRole('navigation', { name: 'Module' })
    .getByRole('link', { name: 'Öffentliches Portal' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Öffentliches Portal');
  await expect(page.getByLabel('Adresse des Impressums (https://…)')).toHaveValue(
    'https://musterstadt.example/impressum',
  );

  await page.getByLabel('Farbe (#rrggbb)').fill('#ffff00');
  await expect(page.getByText('zu wenig Kontrast')).toBeVisible();
  await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(page.getByRole('alert')).toContainText('zu wenig Kontrast');

  await page.getByLabel('Farbe (#rrggbb)').fill('#0b5394');
  await page
    .getByLabel('Kontakt des Bildungsbüros (Fußzeile jeder Seite)')
    .fill('Bildungsbüro, Telefon 0391 540-0');
  await page.getByRole('button', { name: 'Einstellungen speichern' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'gespeichert' })).toBeVisible();

  const citizen = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await citizen.goto('/kommune/musterstadt');
  const footer = citizen.getByRole('contentinfo');
  await expect(footer).toContainText('Bildungsbüro, Telefon 0391 540-0');
  await expect(
    footer.getByRole('navigation', { name: 'Rechtliches' }).getByRole('link', { name: 'Impressum' }),
  ).toHaveAttribute('href', 'https://musterstadt.example/impressum');
  await expect(footer.getByRole('link', { name: 'Datenschutz' })).toBeVisible();
});

test('axe finds nothing on the portal settings page and the start page at 1280 and 320 px', async ({
  page,
}) => {
  await signIn(page, EDITOR);
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 800 });
    for (const url of ['/app/t/musterstadt/portal', '/kommune/musterstadt']) {
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      if (url.startsWith('/app')) await expect(page.getByLabel('Farbe (#rrggbb)')).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(width);
      await expectNoAxeViolations(page, `${url} (${width} px)`);
    }
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the search box on the start page finds offers in the Bildungswegweiser', async ({ page }) => {
    await page.goto('/kommune/musterstadt');
    const search = page.getByRole('search', { name: 'Bildungsangebote suchen' });
    await search.getByLabel('Suchbegriff (z. B. Sprachkurs, Kita, Beratung)').fill('Sprachkurs');
    await search.getByRole('button', { name: 'Suchen' }).click();
    await expect(page).toHaveURL(/\/kommune\/musterstadt\/wegweiser\?q=Sprachkurs$/);
    await expect(page.getByRole('link', { name: 'Deutschsprachkurs A1 am Vormittag' })).toBeVisible();
  });
});
