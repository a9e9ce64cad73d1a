import { expect, test, type Page } from '@playwright/test';
import { apiFromPage, DEMO, expectNoAxeViolations, signIn } from './helpers';

/*
 * Editing and deleting indicators in Musterstadt. Other specs read the demo indicators of this
 * municipality in parallel, so these tests only change indicators they create themselves.
 */
const SLUG = 'musterstadt';
const BASE = `/app/t/${SLUG}/monitoring`;

interface IndicatorDto {
  id: string;
  code: string;
  nameDe: string;
  topic: string;
  tier: string;
  visibility: string;
  sdcThreshold: number | null;
  source: string | null;
  decimals: number;
}

async function tenantId(page: Page): Promise<string> {
  const s = await apiFromPage<{ memberships: Array<{ slug: string; tenantId: string }> }>(
    page,
    'GET',
    '/api/auth/session',
  );
  return s.memberships.find((m) => m.slug === SLUG)!.tenantId;
}

const uniqueCode = (prefix: string) =>
  `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

async function createIndicator(page: Page, tid: string, code: string, nameDe: string): Promise<IndicatorDto> {
  const created = await apiFromPage<IndicatorDto>(page, 'POST', `/api/tenants/${tid}/indicators`, {
    code,
    nameDe,
    unit: 'Personen',
    topic: 'weiterbildung',
    tier: 'ergaenzung',
    measure: 'absolute',
    visibility: 'internal',
  });
  expect(created.code, JSON.stringify(created)).toBe(code);
  return created;
}

/** The value of a row of the metadata list (dt exactly `term`). */
const metadataValue = (page: Page, term: string) =>
  page
    .getByTestId('metadata')
    .locator('.mon-meta-row')
    .filter({ has: page.locator('dt').getByText(term, { exact: true }) })
    .locator('dd');

test('editors change the metadata of an indicator and delete it with its code', async ({ page }) => {
  await signIn(page, DEMO.admin);
  const tid = await tenantId(page);
  const code = uniqueCode('e2e_bearbeiten');
  const created = await createIndicator(page, tid, code, 'E2E Testindikator zum Bearbeiten');
  const api = `/api/tenants/${tid}/indicators/${created.id}`;

  await page.goto(`${BASE}/indikatoren/${created.id}`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'E2E Testindikator zum Bearbeiten' }),
  ).toBeVisible();
  // Not computed: no way to a computation.
  await expect(page.getByRole('link', { name: 'Berechnung bearbeiten' })).toHaveCount(0);

  const toggle = page.getByRole('button', { name: 'Metadaten bearbeiten' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const form = page.getByTestId('meta-form');
  await expect(form.getByLabel('Bezeichnung (deutsch)')).toHaveValue('E2E Testindikator zum Bearbeiten');
  await expect(form.getByRole('radio', { name: 'intern – nur in der Arbeitsumgebung' })).toBeChecked();
  await expect(form.getByText(/Öffentliche Indikatoren erscheinen im öffentlichen Portal/)).toBeVisible();
  await expect(form.getByText(/Voreinstellung der Kommune \(derzeit 3\)/)).toBeVisible();

  // Invalid input: error summary with links, fields marked, nothing saved.
  await form.getByLabel('Bezeichnung (deutsch)').fill('  ');
  await form.getByLabel('Nachkommastellen').fill('7');
  await form.getByLabel('Schwellenwert für kleine Fallzahlen').fill('101');
  await form.getByRole('button', { name: 'Metadaten speichern' }).click();
  const summary = form.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie die folgenden Angaben' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link')).toHaveText([
    'Bitte geben Sie „Bezeichnung (deutsch)“ an.',
    '„Nachkommastellen“ muss eine ganze Zahl von 0 bis 6 sein.',
    '„Schwellenwert für kleine Fallzahlen“ muss eine ganze Zahl von 0 bis 100 sein.',
  ]);
  await expect(form.getByLabel('Bezeichnung (deutsch)')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'metadata form with error summary');
  await summary.getByRole('link', { name: /Nachkommastellen/ }).click();
  await expect(form.getByLabel('Nachkommastellen')).toBeFocused();
  expect((await apiFromPage<IndicatorDto>(page, 'GET', api)).nameDe).toBe('E2E Testindikator zum Bearbeiten');

  // Valid changes: name, topic, tier, visibility, threshold, source.
  await form.getByLabel('Bezeichnung (deutsch)').fill('E2E Indikator geändert');
  await form.getByLabel('Nachkommastellen').fill('1');
  await form.getByLabel('Thema').selectOption({ label: 'Berufliche Bildung' });
  await form.getByRole('radio', { name: 'Kernindikator' }).check();
  await form.getByRole('radio', { name: /^öffentlich – im öffentlichen Portal/ }).check();
  await form.getByLabel('Schwellenwert für kleine Fallzahlen').fill('5');
  await form.getByLabel('Quelle').fill('E2E-Quelle: eigene Erhebung');
  await form.getByRole('button', { name: 'Metadaten speichern' }).click();

  await expect(
    page.getByRole('status').filter({ hasText: 'Die Metadaten wurden gespeichert.' }),
  ).toBeVisible();
  await expect(form).toHaveCount(0);
  await expect(toggle).toBeFocused();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('heading', { level: 1, name: 'E2E Indikator geändert' })).toBeVisible();
  await expect(metadataValue(page, 'Thema')).toHaveText('Berufliche Bildung');
  await expect(metadataValue(page, 'Indikatorart')).toHaveText('Kernindikator');
  await expect(metadataValue(page, 'Sichtbarkeit')).toHaveText(/^öffentlich/);
  await expect(metadataValue(page, 'Schwellenwert für kleine Fallzahlen')).toHaveText(
    'Werte unter 5 werden öffentlich ausgeblendet',
  );
  await expect(metadataValue(page, 'Quelle')).toHaveText('E2E-Quelle: eigene Erhebung');
  await expectNoAxeViolations(page, 'indicator page after saving the metadata');
  expect(await apiFromPage<IndicatorDto>(page, 'GET', api)).toMatchObject({
    nameDe: 'E2E Indikator geändert',
    topic: 'berufliche_bildung',
    tier: 'kern',
    visibility: 'public',
    sdcThreshold: 5,
    decimals: 1,
    source: 'E2E-Quelle: eigene Erhebung',
  });

  // Empty threshold = the municipality's default (null).
  await toggle.click();
  await expect(form.getByLabel('Schwellenwert für kleine Fallzahlen')).toHaveValue('5');
  await form.getByLabel('Schwellenwert für kleine Fallzahlen').fill('');
  await form.getByRole('button', { name: 'Metadaten speichern' }).click();
  await expect(metadataValue(page, 'Schwellenwert für kleine Fallzahlen')).toHaveText(
    'Voreinstellung der Kommune (für absolute Zahlen)',
  );
  expect((await apiFromPage<IndicatorDto>(page, 'GET', api)).sdcThreshold).toBeNull();

  // The catalogue shows the changes (new name, topic group, tier; no "intern" tag any more).
  await page.goto(`${BASE}?q=${code}`);
  await expect(page.getByText('1 Indikator gefunden.')).toBeVisible();
  const group = page.getByRole('region', { name: /Berufliche Bildung/ });
  const card = group
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: 'E2E Indikator geändert' }) });
  await expect(card).toBeVisible();
  await expect(card.getByText('Kernindikator')).toBeVisible();
  await expect(card.getByText('intern', { exact: true })).toHaveCount(0);

  // Delete: a wrong code is refused (in the form and by the server), the right one deletes.
  await card.getByRole('link', { name: 'E2E Indikator geändert' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'E2E Indikator geändert' })).toBeVisible();
  await page.getByRole('button', { name: 'Indikator löschen' }).click();
  const del = page.getByTestId('delete-form');
  await expect(
    page.getByText(/wird mit seinen Merkmalszuordnungen und Metadaten endgültig gelöscht/),
  ).toBeVisible();
  await del.getByLabel(`Zur Bestätigung das Kürzel „${code}“ eingeben`).fill(`${code}x`);
  await del.getByRole('button', { name: 'Endgültig löschen' }).click();
  const delSummary = del.getByRole('alert').filter({ hasText: 'Bitte korrigieren Sie' });
  await expect(delSummary).toBeFocused();
  await expect(delSummary).toContainText(`Das eingegebene Kürzel stimmt nicht mit „${code}“ überein.`);
  await expect(page).toHaveURL(new RegExp(`/indikatoren/${created.id}$`));
  const refused = await apiFromPage<{ error: string; message: string }>(
    page,
    'DELETE',
    `${api}?confirm=${code}x`,
  );
  expect(refused.error).toBe('confirmation_required');
  expect((await apiFromPage<IndicatorDto>(page, 'GET', api)).code).toBe(code);

  await del.getByLabel(/Zur Bestätigung das Kürzel/).fill(code);
  await del.getByRole('button', { name: 'Endgültig löschen' }).click();
  await expect(page).toHaveURL(new RegExp(`${BASE}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Indikatoren' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'wurde mit allen Werten gelöscht' })).toHaveText(
    `Der Indikator „E2E Indikator geändert“ (${code}) wurde mit allen Werten gelöscht.`,
  );
  await expect(page.getByRole('link', { name: 'E2E Indikator geändert' })).toHaveCount(0);
  const gone = await apiFromPage<{ error: string }>(page, 'GET', api);
  expect(gone.error).toBe('not_found');
});

test('an indicator used by a computed indicator cannot be deleted; the computed one links to its editor', async ({
  page,
}) => {
  await signIn(page, DEMO.admin);
  const tid = await tenantId(page);
  const inputCode = uniqueCode('e2e_eingang');
  const computedCode = uniqueCode('e2e_berechnet');
  const input = await createIndicator(page, tid, inputCode, 'E2E Eingangsgröße');
  const applied = await apiFromPage<{ created?: string[]; message?: string }>(
    page,
    'POST',
    `/api/tenants/${tid}/indicators/definitions`,
    {
      fileName: 'e2e.yaml',
      text: [
        'indicators:',
        `  - code: ${computedCode}`,
        '    name: { de: E2E Berechnet aus der Eingangsgröße }',
        '    unit: Personen',
        '    decimals: 0',
        '    formula: a * 2',
        '    inputs:',
        `      a: { indicator: ${inputCode} }`,
      ].join('\n'),
    },
  );
  expect(applied.created, JSON.stringify(applied)).toEqual([computedCode]);
  const list = await apiFromPage<IndicatorDto[]>(
    page,
    'GET',
    `/api/tenants/${tid}/indicators?q=${computedCode}`,
  );
  const computed = list.find((i) => i.code === computedCode)!;

  try {
    // The computed indicator: its computation is edited on the page of computed indicators.
    await page.goto(`${BASE}/indikatoren/${computed.id}`);
    await expect(
      page.getByRole('heading', { level: 1, name: 'E2E Berechnet aus der Eingangsgröße' }),
    ).toBeVisible();
    const link = page.getByRole('link', { name: 'Berechnung bearbeiten' });
    await expect(link).toHaveAttribute('href', `${BASE}/berechnungen`);
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${BASE}/berechnungen$`));

    // The input: the page warns, and the server refuses with its message (409).
    await page.goto(`${BASE}/indikatoren/${input.id}`);
    await expect(page.getByRole('heading', { level: 1, name: 'E2E Eingangsgröße' })).toBeVisible();
    await page.getByRole('button', { name: 'Indikator löschen' }).click();
    await expect(page.getByText(/wird von berechneten Indikatoren verwendet \(E2E Berechnet/)).toBeVisible();
    const del = page.getByTestId('delete-form');
    await del.getByLabel(/Zur Bestätigung das Kürzel/).fill(inputCode);
    await del.getByRole('button', { name: 'Endgültig löschen' }).click();
    await expect(del.getByRole('alert')).toHaveText(
      `Der Indikator wird von berechneten Indikatoren verwendet: ${computedCode}.`,
    );
    await expect(page).toHaveURL(new RegExp(`/indikatoren/${input.id}$`));
    await expectNoAxeViolations(page, 'delete panel with the refusal');
  } finally {
    await apiFromPage(
      page,
      'DELETE',
      `/api/tenants/${tid}/indicators/${computed.id}?confirm=${computedCode}`,
    );
    await apiFromPage(page, 'DELETE', `/api/tenants/${tid}/indicators/${input.id}?confirm=${inputCode}`);
  }
  const remaining = await apiFromPage<IndicatorDto[]>(page, 'GET', `/api/tenants/${tid}/indicators?q=e2e_`);
  expect(remaining.filter((i) => i.code === inputCode || i.code === computedCode)).toEqual([]);
});

test('viewers see the metadata without edit controls', async ({ page }) => {
  await signIn(page, DEMO.viewer);
  const tid = await tenantId(page);
  const list = await apiFromPage<IndicatorDto[]>(page, 'GET', `/api/tenants/${tid}/indicators`);
  const rate = list.find((i) => i.code === 'betreuungsquote_u3')!;
  await page.goto(`${BASE}/indikatoren/${rate.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Betreuungsquote unter 3 Jahren' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Metadaten' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Metadaten bearbeiten' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Indikator löschen' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Berechnung bearbeiten' })).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Indikator verwalten' })).toHaveCount(0);
  // The server refuses as well (no change is made).
  const refused = await apiFromPage<{ error: string }>(
    page,
    'PATCH',
    `/api/tenants/${tid}/indicators/${rate.id}`,
    {
      // The unchanged name: even a wrongly accepted request would leave the shared demo indicator as it is.
      nameDe: 'Betreuungsquote unter 3 Jahren',
    },
  );
  expect(refused.error).toBe('forbidden');
});
