import { expect, test } from '@playwright/test';
import { apiFromPage, DEMO, expectNoAxeViolations, signIn } from './helpers';

/*
 * Issue 12: a finding block (Befund from „Ziele & Steuerung“) in the workbench and on the public page,
 * with its values from the public view of the monitoring. axe on both pages.
 */

const suffix = String(Date.now() % 1_000_000);
const TITLE = `Bericht mit Befund ${suffix}`;

test('add a finding block in the workbench; the published report shows it on the public page', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO.admin);
  const session = await apiFromPage<{ memberships: Array<{ slug: string; tenantId: string }> }>(
    page,
    'GET',
    '/api/auth/session',
  );
  const t = `/api/tenants/${session.memberships.find((m) => m.slug === 'musterstadt')!.tenantId}`;
  const findings = await apiFromPage<Array<{ id: string; statement: string }>>(
    page,
    'GET',
    `${t}/steering/findings`,
  );
  const finding = findings[0]!;
  const created = await apiFromPage<{ id: string }>(page, 'POST', `${t}/reports`, {
    title: TITLE,
    period: '2025',
    template: 'empty',
  });
  await apiFromPage(page, 'POST', `${t}/reports/${created.id}/chapters`, { title: 'Befunde' });

  await page.goto(`/app/t/musterstadt/berichte/${created.id}`);
  const chapter = page.getByRole('region', { name: /Befunde/ });
  await chapter.getByText('Baustein anfügen', { exact: true }).first().click();
  await chapter.getByLabel('Art des Bausteins').selectOption({ label: 'Befund (aus „Ziele & Steuerung“)' });
  await chapter.getByLabel('Befund', { exact: true }).selectOption({ label: finding.statement });
  await chapter.getByRole('button', { name: 'Baustein anfügen' }).click();
  await expect(chapter.getByRole('heading', { name: `Befund: ${finding.statement}` })).toBeVisible();
  await expect(chapter.getByRole('table', { name: `Werte zum Befund „${finding.statement}“` })).toBeVisible();
  await expectNoAxeViolations(page, 'Bericht mit Befund-Baustein');

  for (const status of ['review', 'approved', 'published'])
    await apiFromPage(page, 'POST', `${t}/reports/${created.id}/status`, { status });
  await page.goto(`/kommune/musterstadt/berichte/${created.id}`);
  await expect(page.getByRole('heading', { name: `Befund: ${finding.statement}` })).toBeVisible();
  await expect(page.getByRole('table', { name: /Werte zum Befund/ })).toBeVisible();
  await expectNoAxeViolations(page, 'öffentlicher Bericht mit Befund');
});
