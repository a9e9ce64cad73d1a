import { expect, test } from '@playwright/test';
import { apiFromPage, DEMO, expectNoAxeViolations, signIn } from './helpers';

/*
 * Password reset by link: an unknown, used or expired link explains itself in German and says how to
 * get a new one — no form, and never a raw validator text such as „body.token: Too small …“.
 */

const RAW = /body\.|too small|expected|invalid input/i;

test('an invalid reset link explains itself and names the way to a new link', async ({ page }) => {
  for (const token of ['x', 'ein-link-den-es-nicht-gibt-und-der-lang-genug-ist']) {
    await page.goto(`/app/passwort-zuruecksetzen/${token}`);
    await expect(
      page.getByRole('heading', { level: 1, name: 'Dieser Link funktioniert nicht mehr' }),
    ).toBeVisible();
    const main = page.getByRole('main');
    await expect(main).toContainText('ist ungültig, wurde schon benutzt oder ist abgelaufen');
    await expect(
      main.getByRole('heading', { level: 2, name: 'So erhalten Sie einen neuen Link' }),
    ).toBeVisible();
    await expect(main).toContainText('Bitten Sie die Administration Ihrer Kommune');
    await expect(page.getByLabel('Neues Passwort')).toHaveCount(0);
    await expect(main).not.toContainText(RAW);
  }
  await expectNoAxeViolations(page, 'invalid reset link');
  await page.getByRole('link', { name: 'Zur Anmeldung' }).click();
  await expect(page).toHaveURL(/\/app\/anmelden$/);
});

test('a link used up while the form was open: the same explanation after sending', async ({
  page,
  browser,
}) => {
  await signIn(page, DEMO.admin);
  const session = await apiFromPage<{ memberships: Array<{ slug: string; tenantId: string }> }>(
    page,
    'GET',
    '/api/auth/session',
  );
  const tenantId = session.memberships.find((m) => m.slug === 'musterstadt')!.tenantId;
  const email = `zuruecksetzen-${Date.now()}@musterstadt.example`;
  const created = await apiFromPage<{ user: { id: string } }>(
    page,
    'POST',
    `/api/tenants/${tenantId}/users`,
    {
      mode: 'password',
      email,
      displayName: 'Rosa Rücksetzen',
      role: 'viewer',
      password: 'ein-erstes-startpasswort',
    },
  );
  const { link } = await apiFromPage<{ link: string }>(
    page,
    'POST',
    `/api/tenants/${tenantId}/users/${created.user.id}/password-reset`,
  );
  const anonContext = await browser.newContext();
  const anon = await anonContext.newPage();
  const path = new URL(link).pathname;
  await anon.goto(path);
  await expect(anon.getByRole('heading', { level: 1, name: 'Neues Passwort festlegen' })).toBeVisible();
  // Meanwhile the link is used (e.g. in another tab).
  const token = path.split('/').pop()!;
  await apiFromPage(anon, 'POST', '/api/auth/reset', { token, newPassword: 'ein-anderes-neues-passwort' });
  await anon.getByLabel('Neues Passwort', { exact: true }).fill('noch-ein-neues-passwort');
  await anon.getByLabel('Wiederholung des neuen Passworts').fill('noch-ein-neues-passwort');
  await anon.getByRole('button', { name: 'Passwort speichern' }).click();
  await expect(
    anon.getByRole('heading', { level: 1, name: 'Dieser Link funktioniert nicht mehr' }),
  ).toBeVisible();
  await expect(anon.getByRole('main')).not.toContainText(RAW);
  await anonContext.close();
});
