import { expect, test, type Page } from '@playwright/test';
import { apiFromPage, DEMO, signIn } from './helpers';

/*
 * Reflow (WCAG 1.4.10): at 320 CSS px no page may scroll sideways. Every public page, every page of the
 * workbench (with real ids of the demo data) and the external rater form are opened at 320 × 640 and
 * the document's scroll width is compared with the viewport. Wide tables and charts scroll inside
 * their own region; the page itself does not.
 */

test.use({ viewport: { width: 320, height: 640 } });

const PUBLIC_PAGES = [
  '/',
  '/kommune/musterstadt',
  '/kommune/musterstadt/ziele',
  '/kommune/beispielkreis',
  '/kommune/gibt-es-nicht',
  '/kommune/musterstadt/berichte',
  '/kommune/musterstadt/wegweiser',
  '/kommune/musterstadt/wegweiser?q=Sprachkurs&kategorie=weiterbildung',
  '/kommune/musterstadt/wegweiser/volkshochschule-musterstadt',
  '/kommune/musterstadt/wegweiser/ausbildungsmesse',
  '/kommune/musterstadt/daten',
  '/kommune/musterstadt/konferenz/bildungskonferenz-2027',
  '/app/anmelden',
  '/app/passwort-zuruecksetzen/ungueltiger-link-der-lang-genug-ist',
  '/app/einladung/ungueltiger-link-der-lang-genug-ist',
];

async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
}

/** „url: scrollWidth > 320“ for a page that scrolls sideways, else null. */
async function overflow(page: Page, url: string): Promise<string | null> {
  await page.goto(url);
  await settle(page);
  const m = await page.evaluate(() => {
    const doc = document.documentElement;
    // The widest element that sticks out on the right, to name it in the message.
    let widest = '';
    let right = doc.clientWidth;
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('*'))) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > right + 0.5) {
        right = r.right;
        widest = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
      }
    }
    return { scroll: doc.scrollWidth, client: doc.clientWidth, widest };
  });
  return m.scroll > m.client ? `${url}: ${m.scroll} px > ${m.client} px (${m.widest})` : null;
}

test('reflow at 320 px: public pages', async ({ page }) => {
  const failures: string[] = [];
  for (const url of PUBLIC_PAGES) {
    const f = await overflow(page, url);
    if (f) failures.push(f);
  }
  expect(failures).toEqual([]);
});

test('reflow at 320 px: every workbench page and the external form', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.admin);
  const session = await apiFromPage<{ memberships: Array<{ slug: string; tenantId: string }> }>(
    page,
    'GET',
    '/api/auth/session',
  );
  const tenantId = session.memberships.find((m) => m.slug === 'musterstadt')!.tenantId;
  const api = `/api/tenants/${tenantId}`;
  const indicators = await apiFromPage<Array<{ id: string; code: string }>>(page, 'GET', `${api}/indicators`);
  const areas = await apiFromPage<Array<{ id: string; level: string }>>(page, 'GET', `${api}/areas`);
  const rounds = await apiFromPage<Array<{ id: string; status: string }>>(
    page,
    'GET',
    `${api}/assessment/rounds`,
  );
  const closed = rounds.find((r) => r.status === 'closed')!;
  const goals = await apiFromPage<Array<{ id: string }>>(page, 'GET', `${api}/steering/goals`);
  const reports = await apiFromPage<Array<{ id: string; status: string }>>(page, 'GET', `${api}/reports`);
  // A round of its own with a personal link, for the external form.
  const end = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  const today = new Date().toISOString().slice(0, 10);
  const round = await apiFromPage<{ id: string }>(page, 'POST', `${api}/assessment/rounds`, {
    title: 'Runde für die Prüfung der Umbrüche bei schmalen Bildschirmen',
    startsOn: today,
    endsOn: end,
  });
  const external = await apiFromPage<{ link: string }>(
    page,
    'POST',
    `${api}/assessment/rounds/${round.id}/participants`,
    { kind: 'external', label: 'Kreisvolkshochschule und Familienbildungsstätte' },
  );
  await apiFromPage(page, 'PATCH', `${api}/assessment/rounds/${round.id}`, { status: 'open' });
  const bodies = await apiFromPage<Array<{ id: string }>>(page, 'GET', `${api}/network/bodies`);
  const conferences = await apiFromPage<Array<{ id: string }>>(page, 'GET', `${api}/network/conferences`);
  const meetings = await apiFromPage<Array<{ id: string }>>(page, 'GET', `${api}/network/meetings`);
  const enquiries = await apiFromPage<Array<{ id: string }>>(page, 'GET', `${api}/network/enquiries`);

  const t = '/app/t/musterstadt';
  const pages = [
    t,
    `${t}/monitoring`,
    ...indicators.map((i) => `${t}/monitoring/indikatoren/${i.id}`),
    `${t}/monitoring/gebiete`,
    ...areas.slice(0, 2).map((a) => `${t}/monitoring/gebiete/${a.id}`),
    `${t}/monitoring/import`,
    `${t}/monitoring/berechnungen`,
    `${t}/monitoring/merkmale`,
    `${t}/monitoring/katalog`,
    `${t}/selbsteinschaetzung`,
    `${t}/selbsteinschaetzung/modell`,
    `${t}/selbsteinschaetzung/modell/anpassen`,
    `${t}/selbsteinschaetzung/runden/${closed.id}`,
    `${t}/selbsteinschaetzung/runden/${closed.id}/einschaetzen`,
    `${t}/selbsteinschaetzung/runden/${closed.id}/workshop`,
    `${t}/selbsteinschaetzung/runden/${closed.id}/ergebnis`,
    `${t}/selbsteinschaetzung/runden/${round.id}`,
    `${t}/selbsteinschaetzung/freigabe`,
    `${t}/rechtsanspruch`,
    `${t}/ziele`,
    ...goals.slice(0, 2).map((g) => `${t}/ziele/${g.id}`),
    `${t}/berichte`,
    ...reports.flatMap((r) => [
      `${t}/berichte/${r.id}`,
      ...(r.status === 'published' ? [`/kommune/musterstadt/berichte/${r.id}`] : []),
    ]),
    `${t}/netzwerk`,
    `${t}/netzwerk/akteure`,
    `${t}/netzwerk/kontakte`,
    `${t}/netzwerk/kooperationen`,
    `${t}/netzwerk/projekte`,
    `${t}/netzwerk/anfragen`,
    `${t}/netzwerk/gremien/${bodies[0]!.id}`,
    ...meetings.map((m) => `${t}/netzwerk/sitzungen/${m.id}`),
    `${t}/netzwerk/anfragen/${enquiries[0]!.id}`,
    `${t}/netzwerk/konferenzen`,
    `${t}/netzwerk/konferenzen/${conferences[0]!.id}`,
    `${t}/befragungen`,
    `${t}/wegweiser`,
    `${t}/wegweiser/pruefung`,
    `${t}/portal`,
    `${t}/verwaltung/personen`,
    `${t}/verwaltung/einstellungen`,
    '/app/konto',
    '/app/gibt-es-nicht',
    new URL(external.link).pathname,
  ];
  const failures: string[] = [];
  for (const url of pages) {
    const f = await overflow(page, url);
    if (f) failures.push(f);
  }
  expect(failures).toEqual([]);
});

test('reflow at 320 px: platform administration', async ({ page }) => {
  await signIn(page, DEMO.platform);
  const f = await overflow(page, '/app/plattform');
  expect(f).toBeNull();
});

test('at 320 px the module navigation is collapsed behind a menu button', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto('/app/t/musterstadt/monitoring');
  await settle(page);
  const nav = page.getByRole('navigation', { name: 'Module' });
  const menu = nav.getByRole('button', { name: 'Menü' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav.getByRole('link', { name: 'Selbsteinschätzung' })).toBeHidden();
  // The page heading starts in the first screen, not below the navigation.
  const top = await page.getByRole('heading', { level: 1 }).evaluate((h) => h.getBoundingClientRect().top);
  expect(top).toBeLessThan(320);
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await nav.getByRole('link', { name: 'Selbsteinschätzung' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Selbsteinschätzung' })).toBeVisible();
  // After choosing a page the menu closes again.
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
});
