import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './helpers';

/*
 * The public portal (server-rendered, no JavaScript needed): keyboard access to wide tables on a phone,
 * landmarks, the right terms per kind of municipality, a way back to the portal start, honest promises,
 * an icon on every page and a clean console (also on /docs).
 */

/** Failed requests and console errors (including CSP violations) of a page. */
function watch(page: Page) {
  const problems: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  return problems;
}

test.describe('at 390 px', () => {
  test.use({ viewport: { width: 390, height: 800 } });

  test('the population table scrolls by keyboard: focusable, named, visible focus; the demo notice is in a landmark', async ({
    page,
  }) => {
    await page.goto('/kommune/musterstadt');
    const region = page.getByRole('region', { name: /^Einwohnerinnen und Einwohner am 31\.12\.\d{4}$/ });
    await expect(region).toBeVisible();
    // The table is wider than the phone: its region scrolls, the page does not.
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const axe = await new AxeBuilder({ page }).withRules(['scrollable-region-focusable', 'region']).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
    await expectNoAxeViolations(page, '/kommune/musterstadt at 390 px');
    await expect(page.getByRole('region', { name: 'Hinweis zu Demodaten' })).toContainText('Demodaten');

    // Reached with Tab, scrolled with the arrow keys, with the portal's focus ring.
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      if (await region.evaluate((el) => el === document.activeElement)) break;
    }
    await expect(region).toBeFocused();
    const ring = await region.evaluate((el) => {
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(3);
    expect(ring.shadow).not.toBe('none');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  });
});

test('the Landkreis page speaks of Gemeinden and its Kreisschlüssel; a Kommune page leads back to the portal', async ({
  page,
}) => {
  await page.goto('/kommune/beispielkreis');
  await expect(
    page.getByRole('heading', { level: 2, name: 'Bevölkerung nach Gemeinden und Städten' }),
  ).toBeVisible();
  const main = page.getByRole('main');
  await expect(main).toContainText('Landkreis · Kreisschlüssel 99001');
  await expect(main).not.toContainText('Gemeindeschlüssel');
  await expect(main).not.toContainText('Stadtteil');
  await expectNoAxeViolations(page, '/kommune/beispielkreis');

  await page.goto('/kommune/musterstadt');
  await expect(page.getByRole('main')).toContainText(
    'Kreisfreie Stadt · Amtlicher Gemeindeschlüssel 99000000',
  );
  await expect(page.getByRole('heading', { level: 2, name: 'Bevölkerung nach Stadtteilen' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Stadtteil' })).toBeVisible();
  const trail = page.getByRole('navigation', { name: 'Sie sind hier' });
  await expect(trail.getByRole('listitem').last()).toHaveAttribute('aria-current', 'page');
  await trail.getByRole('link', { name: 'Bildung vor Ort: alle Kommunen' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Bildung vor Ort' })).toBeVisible();
});

test('the start page promises only what exists and names the rest as planned', async ({ page }) => {
  await page.goto('/');
  const lead = page.locator('main .lead');
  await expect(lead).toHaveText(
    'Kommunen zeigen hier ihren Bildungswegweiser mit Lernorten und Angeboten, die Daten, die sie aus ihrem Bildungsmonitoring veröffentlichen, ihre Bildungsziele und ihre veröffentlichten Bildungsberichte.',
  );
  for (const planned of ['Netzwerk', 'Befragung']) {
    await expect(lead).not.toContainText(planned);
  }
  await expect(page.getByRole('main')).toContainText(
    'Je Kommune: Bildungswegweiser, Kennzahlen mit Diagrammen und Karten, offene Daten.',
  );
});

test('every server-rendered page links the icon; nothing is missing, the console stays clean', async ({
  page,
  request,
}) => {
  // The page of an unknown municipality answers 404 on purpose; it links the icon too.
  await page.goto('/kommune/gibt-es-nicht');
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/favicon.svg');
  const problems = watch(page);
  for (const url of ['/', '/kommune/musterstadt', '/kommune/beispielkreis']) {
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/favicon.svg');
  }
  await page.goto('/app/anmelden');
  await page.waitForLoadState('networkidle');
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/favicon.svg');
  expect(problems).toEqual([]);
  for (const icon of ['/favicon.ico', '/favicon.svg']) {
    const res = await request.get(icon);
    expect(res.status(), icon).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^image\/svg\+xml/);
    expect((await res.text()).startsWith('<svg')).toBe(true);
  }
});

test('the API description (/docs) loads without a CSP violation or a missing file', async ({ page }) => {
  const problems = watch(page);
  await page.goto('/docs');
  await expect(page.locator('.swagger-ui .info .title')).toContainText('DKBM-Plattform API');
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
});
