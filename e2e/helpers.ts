import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const DEMO = {
  admin: { email: 'admin@musterstadt.example', password: 'admin-demo-passwort' },
  viewer: { email: 'politik@musterstadt.example', password: 'politik-demo-passwort' },
  platform: { email: 'plattform@dkbm.example', password: 'plattform-demo-passwort' },
} as const;

export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/app/anmelden');
  await page.getByLabel('E-Mail-Adresse').fill(who.email);
  await page.getByLabel('Passwort', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page).not.toHaveURL(/\/app\/anmelden/);
}

/** axe-core scan for WCAG 2.1 A/AA; the message lists every violation with its nodes. */
export async function expectNoAxeViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** API call from within the signed-in page (cookies + CSRF token), for test setup. */
export async function apiFromPage<T>(page: Page, method: string, url: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async (req) => {
      const s = await (await fetch('/api/auth/session')).json();
      const init: RequestInit = {
        method: req.method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': s.csrfToken },
      };
      if (req.method !== 'GET') init.body = JSON.stringify(req.body ?? {});
      const res = await fetch(req.url, init);
      return res.json();
    },
    { method, url, body },
  ) as Promise<T>;
}
