import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { newClient, signInFresh, tenantIdBySlug, type AddressedClient } from '../../test/fixtures';
import { csrfOf, getForm, pathOf, postForm } from '../assessment/testing';

/** CSRF of the external rater form: tokens bound to the link's participant (ADR 0007), no foreign posts. */
describe(`external rater form CSRF on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let admin: AddressedClient;
  let linkMusterstadt: string;
  let linkBeispielkreis: string;
  const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

  async function raterLink(slug: string, label: string): Promise<string> {
    const tenantId = await tenantIdBySlug(t, slug);
    const api = (path: string) => `/api/tenants/${tenantId}/assessment${path}`;
    const round = await admin.post(api('/rounds'), {
      title: `Runde ${label}`,
      startsOn: day(0),
      endsOn: day(30),
    });
    expect(round.statusCode, round.body).toBe(201);
    await admin.patch(api(`/rounds/${round.json().id}`), { status: 'open' });
    const p = await admin.post(api(`/rounds/${round.json().id}/participants`), {
      kind: 'external',
      label,
    });
    expect(p.statusCode, p.body).toBe(201);
    return pathOf((p.json() as { link: string }).link);
  }

  const answers = async (label: string) =>
    (
      await t.database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM assessment_answers a JOIN assessment_participants p ON p.id = a.participant_id
          WHERE p.label = $1`,
        [label],
      )
    )[0]!.n;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
    linkMusterstadt = await raterLink('musterstadt', 'Rater Musterstadt');
    linkBeispielkreis = await raterLink('beispielkreis', 'Rater Beispielkreis');
  });
  afterAll(async () => t?.close());

  it("a rater page's token is refused on another tenant's rater link, and nothing is saved", async () => {
    const c = newClient(t);
    const own = csrfOf((await getForm(c, linkMusterstadt)).body)!;
    const res = await postForm(c, linkBeispielkreis, {
      _csrf: own,
      aktion: 'speichern',
      typ_strategische_ziele: '3',
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('noch nicht gespeichert');
    expect(await answers('Rater Beispielkreis')).toBe(0);
    // On its own link the same token works.
    const ok = await postForm(c, linkMusterstadt, {
      _csrf: own,
      aktion: 'speichern',
      typ_strategische_ziele: '3',
    });
    expect(ok.statusCode).toBe(303);
    expect(await answers('Rater Musterstadt')).toBe(1);
  });

  it("the browser's own post of the form (Origin: null under Referrer-Policy: no-referrer) is accepted", async () => {
    const c = newClient(t);
    const form = await getForm(c, linkBeispielkreis);
    expect(form.headers['referrer-policy']).toBe('no-referrer');
    const res = await c.request({
      method: 'POST',
      url: linkBeispielkreis,
      headers: {
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'null',
        'sec-fetch-site': 'same-origin',
      },
      payload: new URLSearchParams({ _csrf: csrfOf(form.body)!, aktion: 'speichern' }).toString(),
      csrf: false,
    });
    expect(res.statusCode).toBe(303);
  });

  it('a post from another site is refused even with a valid token', async () => {
    const c = newClient(t);
    const token = csrfOf((await getForm(c, linkBeispielkreis)).body)!;
    const res = await c.request({
      method: 'POST',
      url: linkBeispielkreis,
      headers: {
        accept: 'text/html',
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
      payload: new URLSearchParams({
        _csrf: token,
        aktion: 'speichern',
        typ_strategische_ziele: '2',
      }).toString(),
      csrf: false,
    });
    expect(res.statusCode).toBe(403);
    expect(await answers('Rater Beispielkreis')).toBe(0);
  });
});
