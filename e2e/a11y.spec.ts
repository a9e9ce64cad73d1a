import { expect, test, type Page } from '@playwright/test';
import { decodePng } from '../apps/server/src/modules/assessment/testing';
import { apiFromPage, DEMO, expectNoAxeViolations, signIn } from './helpers';

// Every page of the app is scanned with axe (WCAG 2.1 A/AA); zero violations allowed.
const PUBLIC_PAGES = [
  '/',
  '/kommune/musterstadt',
  '/kommune/beispielkreis',
  '/kommune/gibt-es-nicht',
  '/kommune/musterstadt/wegweiser',
  '/kommune/musterstadt/wegweiser?q=Sprachkurs&kategorie=weiterbildung',
  '/kommune/musterstadt/wegweiser/volkshochschule-musterstadt',
  '/kommune/musterstadt/wegweiser/ausbildungsmesse',
  '/kommune/musterstadt/daten',
  '/app/anmelden',
];
const TENANT_PAGES = [
  '/app/t/musterstadt',
  '/app/t/musterstadt/monitoring',
  '/app/t/musterstadt/selbsteinschaetzung',
  '/app/t/musterstadt/ziele',
  '/app/t/musterstadt/berichte',
  '/app/t/musterstadt/netzwerk',
  '/app/t/musterstadt/befragungen',
  '/app/t/musterstadt/wegweiser',
  '/app/t/musterstadt/verwaltung/personen',
  '/app/t/musterstadt/verwaltung/einstellungen',
  '/app/konto',
  '/app/gibt-es-nicht',
];

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

for (const url of PUBLIC_PAGES) {
  test(`axe: ${url}`, async ({ page }) => {
    await page.goto(url);
    await settle(page);
    await expectNoAxeViolations(page, url);
  });
}

test('axe: every workbench page of a tenant admin', async ({ page }) => {
  test.slow(); // a dozen pages, each a full axe scan
  await signIn(page, DEMO.admin);
  for (const url of TENANT_PAGES) {
    await page.goto(url);
    await settle(page);
    await expectNoAxeViolations(page, url);
  }
});

test('axe: platform administration, invitation and reset pages', async ({ page, browser }) => {
  await signIn(page, DEMO.platform);
  await page.goto('/app/plattform');
  await settle(page);
  await expectNoAxeViolations(page, '/app/plattform');
  const created = await apiFromPage<{ tenant: { id: string }; link: string }>(
    page,
    'POST',
    '/api/platform/tenants',
    {
      slug: `a11y-${Date.now()}`,
      name: 'Barrierefreiheit (Test)',
      type: 'kreisangehoerige_gemeinde',
      adminEmail: `leitung-${Date.now()}@a11y.example`,
    },
  );
  const users = await apiFromPage<Array<{ id: string; email: string }>>(page, 'GET', '/api/platform/users');
  // The demo contributor is used by no other end-to-end test (a reset ends that person's sessions).
  const contributor = users.find((u) => u.email === 'fachbereich@musterstadt.example')!;
  const reset = await apiFromPage<{ link: string }>(
    page,
    'POST',
    `/api/platform/users/${contributor.id}/password-reset`,
  );

  const anonContext = await browser.newContext();
  const anon = await anonContext.newPage();
  for (const link of [created.link, reset.link]) {
    const path = new URL(link).pathname;
    await anon.goto(path);
    await settle(anon);
    await expectNoAxeViolations(anon, path.replace(/[^/]+$/, '<token>'));
  }
  await anonContext.close();
});

test('axe: the public municipality page in English', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'lang', value: 'en', url: baseURL! }]);
  await page.goto('/kommune/musterstadt');
  await settle(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectNoAxeViolations(page, '/kommune/musterstadt (en)');
});

test('keyboard: skip link first, visible focus on the login form', async ({ page }) => {
  await page.goto('/app/anmelden');
  await settle(page);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Zum Inhalt springen' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Tab');
  const focused = page.locator(':focus');
  const outline = await focused.evaluate(
    (el) => getComputedStyle(el).outlineStyle + ' ' + getComputedStyle(el).outlineWidth,
  );
  expect(outline).not.toMatch(/^none/);
});

test('keyboard: after a failed sign-in (Enter on „Anmelden“) the focus is on the error summary', async ({
  page,
}) => {
  await page.goto('/app/anmelden');
  await settle(page);
  await page.getByLabel('E-Mail-Adresse').fill(DEMO.viewer.email);
  await page.getByLabel('Passwort', { exact: true }).fill('ein-falsches-passwort');
  await page.getByRole('button', { name: 'Anmelden' }).focus();
  await page.keyboard.press('Enter');
  const summary = page.getByRole('alert');
  await expect(summary).toHaveText('E-Mail-Adresse oder Passwort ist falsch.');
  await expect(summary).toBeFocused();
  // A second failure takes the focus there again (e.g. after Tab back into the form).
  await page.getByLabel('Passwort', { exact: true }).fill('noch-ein-falsches-passwort');
  await page.getByLabel('Passwort', { exact: true }).press('Enter');
  await expect(summary).toBeFocused();
});

test('keyboard: the calendar button of a date field gets the app’s focus ring', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto('/app/t/musterstadt/selbsteinschaetzung');
  await settle(page);
  await page.getByRole('button', { name: 'Neue Einschätzungsrunde anlegen' }).click();
  const end = page.getByRole('form', { name: 'Neue Einschätzungsrunde' }).getByLabel('Ende', { exact: true });
  await end.focus();
  // Day, month and year take one Tab each; then the calendar button inside the field has the focus.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  expect(await end.evaluate((el) => el.matches(':focus-within') && !el.matches(':focus'))).toBe(true);
  // The ring is drawn on the button inside the field (a pseudo-element; its computed style does not
  // follow the focus): count the pixels of the focus colour (#ffbf47) around the button's end of the field.
  const box = (await end.boundingBox())!;
  const png = decodePng(
    await page.screenshot({
      clip: { x: box.x + box.width - 40, y: box.y - 8, width: 48, height: box.height + 16 },
    }),
  );
  let ring = 0;
  for (let i = 0; i < png.data.length; i += png.channels) {
    const [r, g, b] = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
    if (Math.abs(r - 0xff) < 16 && Math.abs(g - 0xbf) < 24 && Math.abs(b - 0x47) < 32) ring++;
  }
  expect(ring).toBeGreaterThan(40);
});
