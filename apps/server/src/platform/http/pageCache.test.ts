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

  it('TTL 0 turns it off', async () => {
    const cache = new PageCache(source(0));
    let n = 0;
    await cache.memo('k', async () => ++n);
    expect(await cache.memo('k', async () => ++n)).toBe(2);
  });
});
