import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { PageCache } from './pageCache';

/** A read cache stand-in: its version is bumped by a change, its TTL decides when entries get old. */
const source = (ttlMs: number) => ({ version: 0, ttlMs });

describe('PageCache', () => {
  it('serves a page again without rendering, renders anew after a change, shares concurrent misses', async () => {
    const src = source(60_000);
    const cache = new PageCache(src);
    let renders = 0;
    const app = Fastify();
    app.get('/p', (req, reply) =>
      cache.serve(req, reply, 'p', async () => {
        renders++;
        await new Promise((r) => setTimeout(r, 20));
        return { status: 200, type: 'text/html', body: `<p>${renders}</p>` };
      }),
    );
    const [a, b] = await Promise.all([app.inject('/p'), app.inject('/p')]);
    expect(renders).toBe(1);
    expect(a.body).toBe('<p>1</p>');
    expect(b.body).toBe('<p>1</p>');
    const c = await app.inject('/p');
    expect(c.headers['x-page-cache']).toBe('hit');
    expect(
      (await app.inject({ url: '/p', headers: { 'if-none-match': c.headers.etag as string } })).statusCode,
    ).toBe(304);
    src.version++;
    const d = await app.inject('/p');
    expect(d.headers['x-page-cache']).toBe('miss');
    expect(d.body).toBe('<p>2</p>');
    await app.close();
  });

  it('after the TTL serves the old page once more while it renders anew in the background', async () => {
    const src = source(10);
    const cache = new PageCache(src);
    let value = 'alt';
    const load = async () => value;
    expect(await cache.memo('k', load)).toBe('alt');
    value = 'neu';
    expect(await cache.memo('k', load)).toBe('alt');
    await new Promise((r) => setTimeout(r, 20));
    // Old by now: answered from the old value, the new one is loaded meanwhile.
    expect(await cache.memo('k', load)).toBe('alt');
    await new Promise((r) => setTimeout(r, 5));
    expect(await cache.memo('k', load)).toBe('neu');
  });

  it('after the TTL reloads a memo only when its data version (stamp) changed', async () => {
    let clock = 0;
    const cache = new PageCache(source(30_000), 2000, 64 * 1024 * 1024, () => clock);
    let loads = 0;
    let stamps = 0;
    let version = 'v1';
    const load = async () => `Wert ${++loads}`;
    const stamp = async () => {
      stamps++;
      return version;
    };
    const settle = () => new Promise((r) => setImmediate(r));
    expect(await cache.memo('k', load, stamp)).toBe('Wert 1');
    // Ten TTLs pass without a change: the stamp is read each time, the value never reloaded.
    for (let i = 0; i < 10; i++) {
      clock += 30_000;
      expect(await cache.memo('k', load, stamp)).toBe('Wert 1');
      await settle();
    }
    expect(loads).toBe(1);
    expect(stamps).toBe(11);
    expect(cache.reloads).toBe(0);
    // Within the TTL not even the stamp is read.
    await cache.memo('k', load, stamp);
    expect(stamps).toBe(11);
    // A change (by another process): reloaded once after the TTL, then quiet again.
    version = 'v2';
    clock += 30_000;
    expect(await cache.memo('k', load, stamp)).toBe('Wert 1');
    await settle();
    expect(cache.reloads).toBe(1);
    expect(await cache.memo('k', load, stamp)).toBe('Wert 2');
    clock += 30_000;
    await cache.memo('k', load, stamp);
    await settle();
    expect(loads).toBe(2);
    // Without a stamp every TTL reloads (as before).
    let plain = 0;
    await cache.memo('p', async () => ++plain);
    for (let i = 0; i < 3; i++) {
      clock += 30_000;
      await cache.memo('p', async () => ++plain);
      await settle();
    }
    expect(plain).toBe(4);
  });

  it('answers before the hooks only from a fresh entry and a compressed variant already made', async () => {
    const src = source(60_000);
    const cache = new PageCache(src);
    const app = Fastify();
    app.addHook('onRequest', (req, reply, done) => {
      if (!cache.answerEarly(req, reply, 'p', { 'x-vorab': 'ja' })) done();
    });
    app.get('/p', (req, reply) =>
      cache.serve(req, reply, 'p', async () => ({ status: 200, type: 'text/html', body: 'x'.repeat(2000) })),
    );
    const state = async (headers: Record<string, string> = {}) =>
      (await app.inject({ url: '/p', headers })).headers['x-page-cache'];
    expect(await state()).toBe('miss');
    const early = await app.inject('/p');
    expect([early.headers['x-page-cache'], early.headers['x-vorab'], early.body.length]).toEqual([
      'early',
      'ja',
      2000,
    ]);
    // The brotli variant is made the normal way on its first request, then answered early too.
    expect(await state({ 'accept-encoding': 'br' })).toBe('hit');
    const br = await app.inject({ url: '/p', headers: { 'accept-encoding': 'br' } });
    expect([br.headers['x-page-cache'], br.headers['content-encoding']]).toEqual(['early', 'br']);
    // A change in this process: rendered anew the normal way.
    src.version++;
    expect(await state()).toBe('miss');
    expect(await state()).toBe('early');
    // Older than the TTL: the normal way (served once more while rendered again).
    const old = new PageCache(source(10));
    const app2 = Fastify();
    app2.addHook('onRequest', (req, reply, done) => {
      if (!old.answerEarly(req, reply, 'p', {})) done();
    });
    app2.get('/p', (req, reply) =>
      old.serve(req, reply, 'p', async () => ({ status: 200, type: 'text/html', body: 'alt' })),
    );
    await app2.inject('/p');
    await new Promise((r) => setTimeout(r, 20));
    expect((await app2.inject('/p')).headers['x-page-cache']).toBe('stale');
    await Promise.all([app.close(), app2.close()]);
  });

  it('TTL 0 turns it off', async () => {
    const cache = new PageCache(source(0));
    let n = 0;
    await cache.memo('k', async () => ++n);
    expect(await cache.memo('k', async () => ++n)).toBe(2);
  });
});
