import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Enquiry } from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext, type TestClient } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { expectApiError, signInFresh, tenantIdBySlug } from '../../test/fixtures';

/* An enquiry links a Bildungsbericht of its own municipality (issue 14: „linked indicators and reports“). */
describe(`enquiries with a linked report on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let editor: TestClient;
  let viewer: TestClient;
  let base: string;
  let own: { id: string; title: string };
  let foreign: string;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    const M = await tenantIdBySlug(t, 'musterstadt');
    const B = await tenantIdBySlug(t, 'beispielkreis');
    base = `/api/tenants/${M}/network`;
    editor = await signInFresh(t, DEMO.editor.email, DEMO.editor.password);
    viewer = await signInFresh(t, DEMO.viewer.email, DEMO.viewer.password);
    const created = await editor.post(`/api/tenants/${M}/reports`, {
      title: 'Bildungsbericht Frühe Bildung',
      period: '2026',
      template: 'empty',
    });
    expect(created.statusCode, created.body).toBe(201);
    own = created.json() as { id: string; title: string };
    const [row] = await t.database.query<{ id: string }>(
      `INSERT INTO reports (tenant_id, title, period) VALUES ($1, 'Geheimer Kreisbericht', '2026') RETURNING id`,
      [B],
    );
    foreign = row!.id;
  });
  afterAll(async () => t?.close());

  const enquiry = (reportId: string | null) => ({
    title: 'Kita-Plätze im Stadtteil Nord',
    question: 'Wie hat sich die Betreuungsquote entwickelt?',
    requesterType: 'politik',
    requester: 'Fraktion im Jugendhilfeausschuss',
    topic: 'fruehkindliche_bildung',
    receivedOn: '2026-11-20',
    reportId,
  });

  it('links a report of the own municipality and shows its title to readers', async () => {
    const res = await editor.post(`${base}/enquiries`, enquiry(own.id));
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json() as Enquiry;
    expect(e).toMatchObject({ reportId: own.id, reportTitle: own.title });
    const read = (await viewer.get(`${base}/enquiries/${e.id}`)).json() as Enquiry;
    expect(read).toMatchObject({ reportId: own.id, reportTitle: 'Bildungsbericht Frühe Bildung' });
    const unlinked = await editor.patch(`${base}/enquiries/${e.id}`, { reportId: null });
    expect(unlinked.json()).toMatchObject({ reportId: null, reportTitle: null });
    const relinked = await editor.patch(`${base}/enquiries/${e.id}`, { reportId: own.id });
    expect(relinked.json()).toMatchObject({ reportId: own.id, reportTitle: own.title });
  });

  it("another municipality's report is not found (404) and its title never shows", async () => {
    const res = await editor.post(`${base}/enquiries`, enquiry(foreign));
    expectApiError(res, 404, 'not_found');
    expect(res.body).not.toContain('Kreisbericht');
    const e = (await editor.post(`${base}/enquiries`, enquiry(null))).json() as Enquiry;
    const patched = await editor.patch(`${base}/enquiries/${e.id}`, { reportId: foreign });
    expectApiError(patched, 404, 'not_found');
    expect((await viewer.get(`${base}/enquiries/${e.id}`)).json()).toMatchObject({ reportId: null });
    const all = await viewer.get(`${base}/enquiries`);
    expect(all.body).not.toContain('Kreisbericht');
  });

  it('a viewer cannot link a report (403)', async () => {
    const e = (await editor.post(`${base}/enquiries`, enquiry(null))).json() as Enquiry;
    expectApiError(await viewer.patch(`${base}/enquiries/${e.id}`, { reportId: own.id }), 403, 'forbidden');
  });
});
