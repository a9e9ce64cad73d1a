import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { tenantIdBySlug } from '../../test/fixtures';

const IND = 'bevoelkerung_altersgruppen';
const SEARCH = '/kommune/musterstadt/wegweiser?kategorie=kita&kosten=kostenlos&barrierefrei=ja';

/** The headers of an answer without those that differ by nature: the date and how the cache answered. */
const sameParts = (res: LightMyRequestResponse) => {
  const { date: _date, 'x-page-cache': _state, ...rest } = res.headers;
  return rest;
};

/**
 * Issue 13 (ADR 0013): anonymous readers of a cached public page are answered in the first onRequest hook,
 * before session, CSRF, cookies and the route — with the same bytes and headers as the normal way.
 */
describe(`cached public pages answered before the hooks on ${TEST_DRIVER}`, () => {
  let t: TestContext;

  beforeAll(async () => {
    t = await createTestApp({
      config: { loginRateLimit: { max: 10_000, windowMs: 60_000 }, publicPageTtlMs: 600_000 },
    });
  });
  afterAll(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
    t.app.inject({ method, url, headers: { 'x-request-id': 'test-early-answer', ...headers } });
  /** The same request the normal way: a session cookie (of no session) sends it through every hook. */
  const viaHooks = (url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') =>
    get(
      url,
      { ...headers, cookie: [headers.cookie, 'dkbm_session=keine-sitzung'].filter(Boolean).join('; ') },
      method,
    );

  const cases: Array<{ name: string; url: string; headers?: Record<string, string>; method?: 'HEAD' }> = [
    { name: 'start page', url: '/kommune/musterstadt', headers: { 'accept-language': 'de' } },
    { name: 'start page, br', url: '/kommune/musterstadt', headers: { 'accept-encoding': 'br' } },
    {
      name: 'start page, gzip',
      url: '/kommune/musterstadt',
      headers: { 'accept-encoding': 'gzip, deflate' },
    },
    { name: 'start page, HEAD', url: '/kommune/musterstadt', method: 'HEAD' },
    { name: 'English by Accept-Language', url: '/kommune/musterstadt', headers: { 'accept-language': 'en' } },
    { name: 'English by cookie', url: '/kommune/musterstadt', headers: { cookie: 'lang=en' } },
    { name: 'English by ?lang', url: '/kommune/musterstadt?lang=en' },
    {
      name: 'indicator page',
      url: `/kommune/musterstadt/daten/${IND}`,
      headers: { 'accept-encoding': 'br' },
    },
    { name: 'CSV download', url: `/kommune/musterstadt/daten/${IND}.csv` },
    { name: 'search with 3 facets', url: SEARCH, headers: { 'accept-encoding': 'gzip' } },
    { name: 'unknown municipality (404)', url: '/kommune/gibt-es-nicht' },
  ];

  for (const c of cases) {
    it(`${c.name}: the early answer has the normal answer's bytes and headers`, async () => {
      t.app.ctx.cache.invalidate();
      // Rendered the normal way, then a hit the normal way and one answered early.
      const first = await get(c.url, c.headers, c.method);
      expect(first.headers['x-page-cache']).toBe('miss');
      const normal = await viaHooks(c.url, c.headers, c.method);
      expect(normal.headers['x-page-cache']).toBe('hit');
      const early = await get(c.url, c.headers, c.method);
      expect(early.headers['x-page-cache']).toBe('early');
      expect(early.statusCode).toBe(normal.statusCode);
      expect(sameParts(early)).toEqual(sameParts(normal));
      expect(early.rawPayload.equals(normal.rawPayload)).toBe(true);
      expect(early.rawPayload.equals(first.rawPayload)).toBe(true);
    });
  }

  it('a revalidation (If-None-Match) is answered early with 304 and the normal headers', async () => {
    t.app.ctx.cache.invalidate();
    const first = await get('/kommune/musterstadt');
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const normal = await viaHooks('/kommune/musterstadt', { 'if-none-match': etag });
    const early = await get('/kommune/musterstadt', { 'if-none-match': etag });
    expect(normal.statusCode).toBe(304);
    expect(early.statusCode).toBe(304);
    expect(early.headers['x-page-cache']).toBe('early');
    expect(sameParts(early)).toEqual(sameParts(normal));
    expect(early.body).toBe('');
  });

  it('the language of the early answer is the one asked for', async () => {
    t.app.ctx.cache.invalidate();
    for (const headers of <Array<Record<string, string>>>[
      { cookie: 'lang=en' },
      { 'accept-language': 'de' },
      { cookie: 'lang=en' },
    ]) {
      await get('/kommune/musterstadt', headers);
    }
    const en = await get('/kommune/musterstadt', { cookie: 'lang=en' });
    const de = await get('/kommune/musterstadt', { 'accept-language': 'de', cookie: 'other=1' });
    expect([en.headers['x-page-cache'], de.headers['x-page-cache']]).toEqual(['early', 'early']);
    expect(en.body).toContain('<html lang="en"');
    expect(de.body).toContain('<html lang="de"');
  });

  it('requests with a session cookie go the normal way', async () => {
    const editor = await t.signIn(DEMO.editor.email, DEMO.editor.password);
    await get('/kommune/musterstadt');
    await get('/kommune/musterstadt');
    expect((await get('/kommune/musterstadt')).headers['x-page-cache']).toBe('early');
    const signedIn = await editor.get('/kommune/musterstadt');
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['x-page-cache']).toBe('hit');
    expect((await viaHooks('/kommune/musterstadt')).headers['x-page-cache']).toBe('hit');
  });

  it('a change of the portal settings or the data is visible at once', async () => {
    const M = await tenantIdBySlug(t, 'musterstadt');
    const editor = await t.signIn(DEMO.editor.email, DEMO.editor.password);
    await get('/kommune/musterstadt');
    await get('/kommune/musterstadt');
    const before = await get('/kommune/musterstadt');
    expect(before.headers['x-page-cache']).toBe('early');
    const intro = 'Neu: das Bildungsbüro lädt zur Bildungskonferenz ein.';
    expect(before.body).not.toContain(intro);
    const saved = await editor.put(`/api/tenants/${M}/portal/settings`, { intro });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await get('/kommune/musterstadt');
    expect(after.headers['x-page-cache']).toBe('miss');
    expect(after.body).toContain(intro);
    expect((await get('/kommune/musterstadt')).body).toContain(intro);

    // The data: an indicator taken off the portal leaves its page at once.
    await get(`/kommune/musterstadt/daten/${IND}`);
    await get(`/kommune/musterstadt/daten/${IND}`);
    const page = await get(`/kommune/musterstadt/daten/${IND}`);
    expect([page.statusCode, page.headers['x-page-cache']]).toEqual([200, 'early']);
    const list = (await editor.get(`/api/tenants/${M}/indicators`)).json() as Array<{
      id: string;
      code: string;
    }>;
    const ind = list.find((i) => i.code === IND)!;
    const hidden = await editor.patch(`/api/tenants/${M}/indicators/${ind.id}`, { visibility: 'internal' });
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect((await get(`/kommune/musterstadt/daten/${IND}`)).statusCode).toBe(404);
  });
});
