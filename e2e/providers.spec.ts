import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

/*
 * Provider accounts (issue 13): the Volkshochschule's account („Anbieter“) sees only „Meine Angebote“,
 * submits a new offer; the Bildungsbüro reviews it with its diff and approves it with a message; the
 * offer is public and the provider reads the message. axe on both pages at 1280 and 320 px.
 */

const PROVIDER = { email: 'anbieter@musterstadt.example', password: 'anbieter-demo-passwort' };
const EDITOR = { email: 'redaktion@musterstadt.example', password: 'redaktion-demo-passwort' };

test('a provider submits an offer, the Bildungsbüro approves it, the offer is public', async ({
  browser,
}) => {
  const providerPage = await (await browser.newContext()).newPage();
  await signIn(providerPage, PROVIDER);
  const nav = providerPage.getByRole('navigation', { name: 'Module' });
  await expect(nav.getByRole('link', { name: 'Meine Angebote' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Monitoring' })).toHaveCount(0);
  await nav.getByRole('link', { name: 'Meine Angebote' }).click();
  await expect(providerPage.getByRole('heading', { level: 1 })).toHaveText('Meine Angebote');
  const own = providerPage.getByRole('region', { name: '4 Einträge Ihres Trägers' });
  await expect(own.getByRole('row', { name: /Computerkurs.*Änderung wartet auf Prüfung/ })).toBeVisible();

  const form = providerPage.getByRole('region', { name: 'Neues Angebot einreichen' });
  await form.getByLabel('Titel').fill('Italienisch für die Reise');
  await form.getByRole('checkbox', { name: 'Weiterbildung' }).check();
  await form.getByLabel('Kosten').selectOption('kostenpflichtig');
  await form.getByLabel('Preis in Euro').fill('49,00');
  await form.getByLabel('Gültig bis').fill('2027-06-30');
  await form.getByRole('button', { name: 'Zur Prüfung einreichen' }).click();
  await expect(providerPage.getByRole('status').filter({ hasText: 'liegt dem Bildungsbüro' })).toBeVisible();
  await expect(
    providerPage.getByRole('row', { name: /Italienisch für die Reise eingereicht/ }),
  ).toBeVisible();

  const editorPage = await (await browser.newContext()).newPage();
  await signIn(editorPage, EDITOR);
  await editorPage.goto('/app/t/musterstadt/wegweiser');
  await editorPage.getByRole('link', { name: '2 Einreichungen warten auf Prüfung' }).click();
  await expect(editorPage.getByRole('heading', { level: 1 })).toHaveText('Prüfung und Träger');
  const item = editorPage.getByRole('article', { name: /Italienisch für die Reise/ });
  const diff = item.getByRole('region', { name: 'Änderungen an „Italienisch für die Reise“' });
  await expect(diff.getByRole('row', { name: 'Titel (leer) Italienisch für die Reise' })).toBeVisible();
  await expect(diff.getByRole('row', { name: 'Gültig bis (leer) 30.06.2027' })).toBeVisible();
  const change = editorPage.getByRole('article', { name: /Computerkurs/ });
  await expect(change.getByRole('row', { name: 'Preis (Euro) 25.00 30.00' })).toBeVisible();
  await item.getByLabel('Nachricht an den Anbieter').fill('Danke, ist online.');
  await item.getByRole('button', { name: 'Freigeben Italienisch für die Reise' }).click();
  await expect(editorPage.getByRole('status').filter({ hasText: 'ist freigegeben' })).toBeVisible();
  await expect(editorPage.getByRole('article', { name: /Italienisch/ })).toHaveCount(0);
  await expect(editorPage.getByRole('cell', { name: 'Freigabe' }).first()).toBeVisible();

  await editorPage.goto('/kommune/musterstadt/wegweiser?q=Italienisch');
  await editorPage.getByRole('link', { name: 'Italienisch für die Reise' }).click();
  await expect(editorPage.getByRole('heading', { level: 1 })).toHaveText('Italienisch für die Reise');

  await providerPage.reload();
  await expect(providerPage.getByText('Freigegeben: Italienisch für die Reise')).toBeVisible();
  await expect(
    providerPage.getByRole('row', { name: /Italienisch für die Reise veröffentlicht/ }),
  ).toBeVisible();
});

test('axe finds nothing on „Meine Angebote“ and the review page at 1280 and 320 px', async ({ browser }) => {
  const pages: Array<[{ email: string; password: string }, string, string]> = [
    [PROVIDER, '/app/t/musterstadt/meine-angebote', 'Meine Angebote'],
    [EDITOR, '/app/t/musterstadt/wegweiser/pruefung', 'Prüfung und Träger'],
  ];
  for (const [who, url, title] of pages) {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, who);
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(url);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
      await expect(page.getByRole('table').first()).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(width);
      await expectNoAxeViolations(page, `${url} (${width} px)`);
    }
  }
});
