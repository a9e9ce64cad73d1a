import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO, type TestContext } from './testApp';
import { TEST_DRIVER } from './testDb';

describe(`smoke on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('signs in and lists the tenants of the account', async () => {
    const c = await t.signIn(DEMO.admin.email, DEMO.admin.password);
    const res = await c.get('/api/tenants');
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .map((m: { slug: string }) => m.slug)
        .toSorted(),
    ).toEqual(['beispielkreis', 'musterstadt']);
  });
});
