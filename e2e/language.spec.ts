import { expect, test, type Page } from '@playwright/test';
import { apiFromPage, DEMO, signIn } from './helpers';

/*
 * German mode speaks German on the rendered pages too: the visible text and the accessible names
 * (aria-label, title, alt, placeholder) of every workbench page and the public pages are searched for
 * English words — including texts that come from the server or from libraries (maps, charts).
 */

const ENGLISH =
  /(?<!\p{L})(the|and|of|with|for|from|is|are|not|this|that|please|guessed|declared|given|detected|unknown|none|yes|error|loading|saved|failed|click|here|select|choose|page|people|settings|search|back|next|previous|show|hide|edit|delete|remove|cancel|close|total|map|zoom|reset)(?!\p{L})/iu;
/** English on purpose: a loanword, and the YAML words the help of computed indicators explains. */
const ALLOWED = /Open Source|previous-year-end|same-year|latest-before|shift: \{ years[^}]*\}/g;

async function englishOn(page: Page, url: string): Promise<string[]> {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  const texts = await page.evaluate(() => {
    const out: string[] = [document.title, document.body.innerText];
    for (const el of Array.from(document.querySelectorAll('[aria-label],[title],[alt],[placeholder]'))) {
      for (const a of ['aria-label', 'title', 'alt', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    return out;
  });
  const hits: string[] = [];
  for (const t of texts) {
    for (const line of t.replace(ALLOWED, '').split('\n')) {
      if (ENGLISH.test(line)) hits.push(`${url}: ${line.trim().slice(0, 120)}`);
    }
  }
  return hits;
}

test('no English words on the German pages of the workbench', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.admin);
  const session = await apiFromPage<{ memberships: Array<{ slug: string; tenantId: string }> }>(
    page,
    'GET',
    '/api/auth/session',
  );
  const tenantId = session.memberships.find((m) => m.slug === 'musterstadt')!.tenantId;
  const api = `/api/tenants/${tenantId}`;
  const indicators = await apiFromPage<Array<{ id: string }>>(page, 'GET', `${api}/indicators`);
  const areas = await apiFromPage<Array<{ id: string }>>(page, 'GET', `${api}/areas`);
  const rounds = await apiFromPage<Array<{ id: string; status: string }>>(
    page,
    'GET',
    `${api}/assessment/rounds`,
  );
  const closed = rounds.find((r) => r.status === 'closed')!;
  const t = '/app/t/musterstadt';
  const urls = [
    t,
    `${t}/monitoring`,
    ...indicators.map((i) => `${t}/monitoring/indikatoren/${i.id}`),
    `${t}/monitoring/gebiete`,
    `${t}/monitoring/gebiete/${areas[0]!.id}`,
    `${t}/monitoring/import`,
    `${t}/monitoring/berechnungen`,
    `${t}/monitoring/merkmale`,
    `${t}/selbsteinschaetzung`,
    `${t}/selbsteinschaetzung/modell`,
    `${t}/selbsteinschaetzung/modell/anpassen`,
    `${t}/selbsteinschaetzung/runden/${closed.id}`,
    `${t}/selbsteinschaetzung/runden/${closed.id}/workshop`,
    `${t}/selbsteinschaetzung/runden/${closed.id}/ergebnis`,
    `${t}/selbsteinschaetzung/freigabe`,
    `${t}/ziele`,
    `${t}/verwaltung/personen`,
    `${t}/verwaltung/einstellungen`,
    '/app/konto',
  ];
  const hits: string[] = [];
  for (const url of urls) hits.push(...(await englishOn(page, url)));
  expect(hits).toEqual([]);
});

test('no English words on the German public pages', async ({ page }) => {
  const hits: string[] = [];
  for (const url of ['/', '/kommune/musterstadt', '/kommune/beispielkreis', '/app/anmelden']) {
    hits.push(...(await englishOn(page, url)));
  }
  expect(hits).toEqual([]);
});
