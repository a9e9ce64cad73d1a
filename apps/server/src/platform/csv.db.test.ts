import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO, type TestClient, type TestContext } from '../test/testApp';
import { TEST_DRIVER } from '../test/testDb';

/*
 * Every CSV the platform writes goes through one helper (packages/domain/src/text/csv.ts). The monitoring
 * exports are tested in monitoring/export.db.test.ts and the CLI in cli/monitoring.process.test.ts; this
 * is the self-assessment's ratings.csv with a comment an attacker could write.
 */
describe(`ratings.csv neutralises formulas on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let admin: TestClient;
  let M: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.signIn(DEMO.admin.email, DEMO.admin.password);
    M = (await admin.session()).memberships.find((m) => m.slug === 'musterstadt')!.tenantId;
  });
  afterAll(async () => t?.close());

  it('a comment starting with = or @ comes back with an apostrophe; the type stays a number', async () => {
    const base = `/api/tenants/${M}/assessment/rounds`;
    const created = await admin.post(base, {
      title: 'Runde CSV',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    });
    expect(created.statusCode, created.body).toBe(201);
    const round = created.json().id as string;
    const me = (await admin.session()).user!.id;
    const p = await admin.post(`${base}/${round}/participants`, { kind: 'user', userId: me });
    expect(p.statusCode, p.body).toBeLessThan(300);
    const opened = await admin.patch(`${base}/${round}`, { status: 'open' });
    expect(opened.statusCode, opened.body).toBe(200);
    const a = await admin.request({
      method: 'PUT',
      url: `${base}/${round}/my/answers/koordination`,
      payload: { level: 2, comment: "=cmd|' /C calc'!A0" },
    });
    expect(a.statusCode, a.body).toBe(200);
    const csv = await admin.get(`${base}/${round}/export/ratings.csv`);
    expect(csv.statusCode, csv.body).toBe(200);
    const line = csv.body.split('\r\n').find((l) => l.includes('cmd|'))!;
    expect(line).toContain(";2;nein;'=cmd|' /C calc'!A0;");
    expect(line).not.toMatch(/;=cmd/);
  });
});
