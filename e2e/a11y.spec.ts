import { expect, test, type Page } from '@playwright/test';
import { apiFromPage, DEMO, expectNoAxeViolations, signIn } from './helpers';

// Every page of the app is scanned with axe (WCAG 2.1 A/AA); zero violations allowed.
const PUBLIC_PAGES = [
  '/',
  '/kommune/musterstadt',
  '/kommune/beispielkreis',
  '/kommune/gibt-es-nicht',
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
