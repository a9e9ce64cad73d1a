import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './helpers';

/*
 * The indicator page's map with JavaScript (issue 13: „SVG choropleth server-side; MapLibre as
 * enhancement“): the server's SVG gives way to an interactive MapLibre map of the same areas, classes and
 * legend; hover and keyboard focus show an area's value in German number format; the table stays.
 * Without JavaScript the page is unchanged (portal.spec.ts, nojs.spec.ts). Reads demo data only.
 */

const QUOTE = '/kommune/musterstadt/daten/betreuungsquote_u3';
const WEGWEISER = '/kommune/musterstadt/wegweiser?q=Sprachkurs&kategorie=weiterbildung';
const WITHHELD =
  '/kommune/musterstadt/daten/kinder_in_betreuung?zeitpunkt=2020-03-01&m_betreuungsart=tagespflege';

/** Console errors and failed requests of the page (a CSP violation is a console error). */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('requestfailed', (r) => problems.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
  return problems;
}

test('the indicator map becomes an interactive MapLibre map: hover and keyboard show values', async ({
  page,
}) => {
  const problems = watch(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(QUOTE);
  const map = page.getByRole('application', { name: /^Karte: Betreuungsquote/ });
  await expect(map).toBeVisible();
  await expect(page.locator('canvas.maplibregl-canvas')).toHaveCount(1);
  // The SVG gives way; legend, caption and the table stay.
  await expect(page.getByRole('img', { name: /^Karte: Betreuungsquote/ })).toBeHidden();
  await expect(page.getByRole('list', { name: 'Legende' })).toBeVisible();
  await expect(page.getByRole('table', { name: /nach Stadtbezirk/ }).getByRole('row')).toHaveCount(13);

  // Keyboard: the map is a tab stop; focus shows the value of the area in its centre (German format).
  const status = page.locator('#karte-wert');
  await map.focus();
  await expect(status).toHaveText(/^[^:]+: \d+,\d$/);
  await page.keyboard.press('+');
  await page.keyboard.press('ArrowRight');
  await expect(status).toHaveText(/^([^:]+: \d+,\d|In der Kartenmitte liegt nichts\.)$/);

  // Mouse: hovering an area shows its value next to the pointer and in the line below the map.
  await page.keyboard.press('-');
  await map.blur();
  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.locator('.karte-tip')).toBeVisible();
  await expect(page.locator('.karte-tip')).toHaveText(/^[^:]+: \d+,\d$/);
  const hovered = (await page.locator('.karte-tip').textContent())!;
  // The same value as the area's row in the table.
  const [name, value] = hovered.split(': ');
  await expect(
    page.getByRole('table', { name: /nach Stadtbezirk/ }).getByRole('row', { name: new RegExp(`^${name} `) }),
  ).toContainText(value!);
  await page.mouse.move(box.x - 20, box.y - 20);
  await expect(page.locator('.karte-tip')).toBeHidden();

  // Zoom buttons in German.
  await expect(page.getByRole('button', { name: 'Vergrößern' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('withheld areas stay withheld on the interactive map', async ({ page }) => {
  await page.goto(WITHHELD);
  await expect(page.locator('canvas.maplibregl-canvas')).toBeVisible();
  const data = await page.evaluate(async () => {
    const url = document.querySelector<HTMLElement>('figure[data-karte]')!.dataset.karte!;
    return (await (await fetch(url)).json()) as {
      features: Array<{ properties: { name: string; value: number | null; flag: string | null } }>;
    };
  });
  const withheld = data.features.filter((f) => f.properties.flag === '.');
  expect(withheld.length).toBeGreaterThan(0);
  for (const f of withheld) {
    expect(f.properties.value).toBeNull();
    await expect(
      page
        .getByRole('table', { name: /01\.03\.2020/ })
        .getByRole('row', { name: new RegExp(`^${f.properties.name} `) })
        .getByRole('cell'),
    ).toHaveText('.');
  }
});

test('the Wegweiser map becomes interactive with the hits of the search as points', async ({ page }) => {
  const problems = watch(page);
  await page.goto(`${WEGWEISER}&lang=de`);
  const map = page.getByRole('application', { name: 'Karte mit 2 Treffern und den Stadtteilen' });
  await expect(map).toBeVisible();
  await expect(page.getByRole('img', { name: 'Karte mit 2 Treffern und den Stadtteilen' })).toBeHidden();
  // The list above the map stays the text alternative.
  await expect(page.getByRole('link', { name: 'Deutschsprachkurs A1 am Vormittag' })).toBeVisible();
  // Its data: exactly the hits of the list.
  const target = await page.evaluate(async () => {
    const url = document.querySelector<HTMLElement>('figure[data-karte]')!.dataset.karte!;
    const data = (await (await fetch(url)).json()) as {
      features: Array<{ geometry: { type: string }; properties: { name: string; href?: string } }>;
    };
    return data.features.filter((f) => f.geometry.type === 'Point').map((f) => f.properties);
  });
  expect(target.map((t) => t.name).toSorted()).toEqual([
    'Deutschsprachkurs A1 am Vormittag',
    'Sprachkurse Englisch für Einsteiger',
  ]);
  await map.focus();
  await expect(page.locator('#karte-wert')).not.toBeEmpty();
  expect(problems).toEqual([]);
});

test('axe finds nothing on indicator pages and the Wegweiser with the interactive map at 1280 and 320 px', async ({
  page,
}) => {
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    for (const url of [QUOTE, WITHHELD, `${QUOTE}?lang=en`, WEGWEISER]) {
      await page.goto(url);
      await expect(page.locator('figure.karte-aktiv canvas.maplibregl-canvas')).toBeVisible();
      await expectNoAxeViolations(page, `${url} with map at ${width} px`);
    }
  }
});
