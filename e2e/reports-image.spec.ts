import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { apiFromPage, DEMO, expectNoAxeViolations, signIn } from './helpers';

/*
 * Issue 12: an image block with required alt text. The author uploads a PNG in the workbench, the form
 * refuses a block without alt text, the image shows with its alt text and numbered caption; released and
 * published, the public page (no JavaScript) shows it with the same alt text. axe on both pages.
 */

const suffix = String(Date.now() % 1_000_000);
const TITLE = `Bericht mit Bild ${suffix}`;
const ALT = 'Kinder spielen auf dem geöffneten Schulhof der Grundschule Nord';
const CAPTION = `Geöffneter Schulhof ${suffix}`;

/** A PNG drawn by the browser (blue box on white), written to the test's output folder. */
async function pngFile(page: Page): Promise<string> {
  const b64 = await page.evaluate(() => {
    const c = document.createElement('canvas');
    c.width = 320;
    c.height = 160;
    const g = c.getContext('2d')!;
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, 320, 160);
    g.fillStyle = '#0b5394';
    g.fillRect(40, 30, 240, 100);
    return c.toDataURL('image/png').split(',')[1]!;
  });
  const file = test.info().outputPath('schulhof.png');
  fs.mkdirSync(test.info().outputDir, { recursive: true });
  fs.writeFileSync(file, Buffer.from(b64, 'base64'));
  return file;
}

let reportId = '';

test.describe.serial('image block', () => {
  test('upload an image with alt text and caption in the workbench; release and publish', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await signIn(page, DEMO.admin);
    const session = await apiFromPage<{ memberships: Array<{ slug: string; tenantId: string }> }>(
      page,
      'GET',
      '/api/auth/session',
    );
    const tid = session.memberships.find((m) => m.slug === 'musterstadt')!.tenantId;
    const t = `/api/tenants/${tid}`;
    const created = await apiFromPage<{ id: string }>(page, 'POST', `${t}/reports`, {
      title: TITLE,
      period: '2025',
      template: 'empty',
    });
    reportId = created.id;
    await apiFromPage(page, 'POST', `${t}/reports/${reportId}/chapters`, { title: 'Lernorte im Quartier' });
    const file = await pngFile(page);

    await page.goto(`/app/t/musterstadt/berichte/${reportId}`);
    await expect(page.getByRole('heading', { level: 1, name: TITLE })).toBeVisible();
    const chapter = page.getByRole('region', { name: /Lernorte im Quartier/ });
    await chapter.getByText('Baustein anfügen', { exact: true }).first().click();
    await chapter.getByLabel('Art des Bausteins').selectOption({ label: 'Bild (mit Alternativtext)' });
    await chapter.getByLabel('Bilddatei (PNG oder JPEG, höchstens 5 MB)').setInputFiles(file);
    await chapter.getByLabel('Bildunterschrift').fill(CAPTION);
    await expectNoAxeViolations(page, 'Bild-Baustein anlegen');
    // Without alt text the block is refused, and the message names the field.
    await chapter.getByRole('button', { name: 'Baustein anfügen' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Alternativtext' })).toBeVisible();
    await chapter.getByLabel('Alternativtext: Was zeigt das Bild?').fill(ALT);
    await chapter.getByRole('button', { name: 'Baustein anfügen' }).click();
    const img = chapter.getByRole('img', { name: ALT });
    await expect(img).toBeVisible();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(320);
    await expect(chapter.getByText(`Abbildung: ${CAPTION}`)).toBeVisible();
    await expectNoAxeViolations(page, 'Bericht mit Bild-Baustein');

    // The alternative text is improved later; an empty one is refused with the field's name.
    const block = chapter.getByRole('article', { name: /^Bild/ });
    await block.getByRole('button', { name: 'Bildbeschreibung ändern' }).click();
    const edit = block.getByRole('form', { name: 'Bildbeschreibung ändern' });
    await edit.getByLabel('Alternativtext: Was zeigt das Bild?').fill(' ');
    await edit.getByRole('button', { name: 'Bildbeschreibung speichern' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Alternativtext' })).toBeVisible();
    await edit.getByLabel('Alternativtext: Was zeigt das Bild?').fill(`${ALT}, im Sommer`);
    await expectNoAxeViolations(page, 'Bildbeschreibung ändern');
    await edit.getByRole('button', { name: 'Bildbeschreibung speichern' }).click();
    await expect(chapter.getByRole('img', { name: `${ALT}, im Sommer` })).toBeVisible();
    await expect(edit).toHaveCount(0);

    await page.getByRole('button', { name: 'Zur Prüfung geben', exact: true }).click();
    await expect(page.getByRole('status')).toContainText('„in Prüfung“');
    await page.getByRole('button', { name: 'Freigeben (Daten einfrieren)' }).click();
    await expect(page.getByText('Texte und Daten sind eingefroren')).toBeVisible();
    await page.getByRole('button', { name: 'Veröffentlichen' }).click();
    await expect(page.getByRole('link', { name: 'Öffentliche Seite' })).toBeVisible();
  });

  test.describe('public page without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('shows the image with its alt text and caption', async ({ page }) => {
      await page.goto(`/kommune/musterstadt/berichte/${reportId}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
      const img = page.getByRole('img', { name: ALT });
      await expect(img).toBeVisible();
      expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(320);
      await expect(page.getByText(`Abbildung 1: ${CAPTION}`)).toBeVisible();
      expect(await page.locator('script').count()).toBe(0);
    });
  });

  test('the public page with the image passes axe', async ({ page }) => {
    await page.goto(`/kommune/musterstadt/berichte/${reportId}`);
    await expect(page.getByRole('img', { name: ALT })).toBeVisible();
    await expectNoAxeViolations(page, 'öffentlicher Bericht mit Bild');
  });
});
