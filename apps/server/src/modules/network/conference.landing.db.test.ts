import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Conference } from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext, type TestClient } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { tenantIdBySlug } from '../../test/fixtures';
import { DEMO_CONFERENCE, DEMO_CONFERENCE_SLUG } from './conference.demo';

/* The municipality's portal start page links a Bildungskonferenz while its registration is open. */

describe(`portal start page links open conference registration on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let editor: TestClient;
  let base: string;
  const landing = async () => {
    const res = await t.client().get('/kommune/musterstadt');
    expect(res.statusCode).toBe(200);
    return res.body;
  };
  const section = (html: string) =>
    /<section aria-labelledby="konferenz">[\s\S]*?<\/section>/.exec(html)?.[0] ?? null;

  beforeAll(async () => {
    t = await createTestApp();
    const M = await tenantIdBySlug(t, 'musterstadt');
    base = `/api/tenants/${M}/network`;
    editor = await t.signIn(DEMO.editor.email, DEMO.editor.password);
  });
  afterAll(async () => t?.close());

  it('links the open, upcoming conference, not the past one, and nothing once registration closes', async () => {
    const html = section(await landing());
    expect(html).not.toBeNull();
    expect(html).toContain('<h2 id="konferenz">Bildungskonferenz</h2>');
    expect(html).toContain(`href="/kommune/musterstadt/konferenz/${DEMO_CONFERENCE_SLUG}"`);
    expect(html).toContain(`Zur Anmeldung: ${DEMO_CONFERENCE}`);
    // The past conference of the demo (registration closed) is not linked.
    expect(html).not.toContain('bildungskonferenz-2026');

    // A conference already begun is not linked even with registration left open.
    const past = await editor.post(`${base}/conferences`, {
      title: 'Vergangener Fachtag',
      slug: 'vergangener-fachtag',
      startsAt: '2020-05-01T08:00:00Z',
      endsAt: '2020-05-01T15:00:00Z',
      capacity: 10,
      consentText: 'Einwilligung',
      workshops: [],
    });
    expect(past.statusCode, past.body).toBe(201);
    expect(section(await landing())).not.toContain('vergangener-fachtag');

    const list = (await editor.get(`${base}/conferences`)).json() as Conference[];
    const open = list.find((c) => c.slug === DEMO_CONFERENCE_SLUG)!;
    const closed = await editor.patch(`${base}/conferences/${open.id}`, { registrationOpen: false });
    expect(closed.statusCode, closed.body).toBe(200);
    const after = await landing();
    expect(section(after)).toBeNull();
    expect(after).not.toContain('/konferenz/');
  });

  it('the English start page names it in English', async () => {
    const list = (await editor.get(`${base}/conferences`)).json() as Conference[];
    const c = list.find((x) => x.slug === DEMO_CONFERENCE_SLUG)!;
    await editor.patch(`${base}/conferences/${c.id}`, { registrationOpen: true });
    const res = await t.client().get('/kommune/musterstadt?lang=en');
    expect(section(res.body)).toContain('<h2 id="konferenz">Education conference</h2>');
    expect(section(res.body)).toContain(`Register: ${DEMO_CONFERENCE}`);
  });
});
