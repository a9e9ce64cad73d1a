import { expect, test } from '@playwright/test';
import { apiFromPage, DEMO, expectNoAxeViolations, signIn } from './helpers';

/*
 * „Katalog übernehmen“: the Bildungsbüro chooses a topic, checks the preview and applies it; the
 * checklist names the missing tables with their download addresses. Applied only in Beispielkreis and
 * only the topic Hochschulen, which no other spec touches (other specs read Musterstadt in parallel).
 */
const SLUG = 'beispielkreis';

test('the Bildungsbüro applies a topic of the catalogue and sees which tables are missing', async ({
  page,
}) => {
  await signIn(page, DEMO.admin);
  await page.goto(`/app/t/${SLUG}/monitoring`);
  await page
    .getByRole('navigation', { name: 'Bildungsmonitoring' })
    .getByRole('link', { name: 'Katalog übernehmen' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Katalog übernehmen' })).toBeVisible();
  await expect(page.locator('.lead')).toContainText('DKBM-Kennzahlenkatalog (Fassung 1 vom');
  const total = Number(
    /enthält (\d+) Indikatoren/.exec((await page.locator('.lead').textContent()) ?? '')?.[1],
  );
  expect(total).toBeGreaterThanOrEqual(30);
  await expect(page.getByText(`${total} Indikatoren gewählt.`)).toBeVisible();
  await expectNoAxeViolations(page, 'catalogue, choose');

  // Only the topic Hochschulen.
  await page.getByRole('button', { name: 'Auswahl leeren' }).click();
  await expect(page.getByText('Kein Indikator gewählt.')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Hochschulen (0 von 2 gewählt)' }).check();
  await expect(page.getByRole('checkbox', { name: 'Hochschulen (2 von 2 gewählt)' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Studierende je 1.000 Einwohner' })).toBeChecked();
  await expect(page.getByText('2 Indikatoren gewählt.')).toBeVisible();

  await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
  const previewHeading = page.getByRole('heading', { level: 2, name: '2. Vorschau prüfen und übernehmen' });
  await expect(previewHeading).toBeFocused();
  await expect(
    page.getByText(
      '2 neu, 0 geändert, 0 unverändert, 0 mit beibehaltenen lokalen Änderungen, 0 übersprungen.',
    ),
  ).toBeVisible();
  const preview = page.getByRole('table', { name: 'Was das Übernehmen ändern würde (Katalogfassung 1)' });
  await expect(preview.getByRole('row')).toHaveCount(3);
  await expect(preview.getByRole('row', { name: /Studierende je 1\.000 Einwohner/ })).toContainText(
    'wird angelegt',
  );
  await expectNoAxeViolations(page, 'catalogue, preview');

  await page.getByRole('button', { name: 'Katalog übernehmen' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Katalog übernommen: 2 Indikatoren angelegt, 0 geändert' }),
  ).toBeVisible({ timeout: 30_000 });
  const applied = page.getByRole('table', { name: 'Indikatoren aus dem Katalog in dieser Kommune' });
  await expect(applied.getByRole('row')).toHaveCount(3);
  const row = applied.getByRole('row', { name: /Studierende je 1\.000 Einwohner/ });
  await expect(row).toContainText('unvollständig');
  await expect(row).toContainText('fehlt: 21311-01-01-4.studierende (aus 21311-01-01-4)');

  // The checklist: the missing tables, each with its download address.
  const checklist = page.getByRole('region', { name: 'Checkliste: Tabellen und Daten' });
  const students = checklist.getByRole('listitem').filter({ hasText: '21311-01-01-4' });
  await expect(students.getByRole('heading', { level: 3 })).toContainText('fehlt: 21311-01-01-4');
  await expect(students).toContainText('studierende, studierende_je_1000_einwohner');
  await expect(students.getByRole('link', { name: /Tabelle 21311-01-01-4 herunterladen/ })).toHaveAttribute(
    'href',
    'https://www.regionalstatistik.de/genesis/online?operation=table&code=21311-01-01-4',
  );
  await expect(checklist.getByRole('link', { name: 'Zum Import' })).toHaveAttribute(
    'href',
    `/app/t/${SLUG}/monitoring/import`,
  );
  await expect(page.locator('.key-counts')).toContainText('übernommen2');
  await expectNoAxeViolations(page, 'catalogue, applied');

  // The applied indicator opens from the status table.
  await row.getByRole('link', { name: 'Studierende je 1.000 Einwohner' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Studierende je 1.000 Einwohner' })).toBeVisible();
  await page.goBack();

  // A local edit shows in the status; applying the same version again changes nothing.
  const session = await apiFromPage<{ memberships: Array<{ slug: string; tenantId: string }> }>(
    page,
    'GET',
    '/api/auth/session',
  );
  const tid = session.memberships.find((m) => m.slug === SLUG)!.tenantId;
  const list = await apiFromPage<Array<{ id: string; code: string }>>(
    page,
    'GET',
    `/api/tenants/${tid}/indicators`,
  );
  const id = list.find((i) => i.code === 'studierende')!.id;
  await apiFromPage(page, 'PATCH', `/api/tenants/${tid}/indicators/${id}`, { unit: 'Personen' });
  await page.reload();
  await expect(applied.getByRole('row', { name: /^Studierende\b(?! je)/ })).toContainText(
    'lokal geändert: Einheit',
  );
  await page.getByRole('button', { name: 'Auswahl leeren' }).click();
  await page.getByRole('checkbox', { name: 'Hochschulen (0 von 2 gewählt)' }).check();
  await page.getByRole('button', { name: 'Vorschau anzeigen' }).click();
  await expect(preview.getByRole('row', { name: /^Studierende\b(?! je)/ })).toContainText('unverändert');
  await expect(
    page.getByText(
      'Die Auswahl ist schon auf dem Stand dieser Katalogfassung; es gibt nichts zu übernehmen.',
    ),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Katalog übernehmen' })).toHaveCount(0);
});

test('a viewer sees the state and the checklist, but cannot apply', async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await page.goto('/app/t/musterstadt/monitoring/katalog');
  await expect(page.getByRole('heading', { level: 1, name: 'Katalog übernehmen' })).toBeVisible();
  const applied = page.getByRole('table', { name: 'Indikatoren aus dem Katalog in dieser Kommune' });
  await expect(applied.getByRole('row', { name: /Betreuungsquote unter 3 Jahren/ })).toContainText(
    'vollständig',
  );
  await expect(page.getByRole('heading', { name: '1. Indikatoren auswählen' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Vorschau anzeigen' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Checkliste: Tabellen und Daten' })).toBeVisible();
  await expectNoAxeViolations(page, 'catalogue, viewer');
});
