import crypto from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A rendered public answer: everything needed to send it again without touching the database. */
export interface Page {
  status: number;
  type: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

interface Entry {
  status: number;
  type: string;
  headers: Record<string, string>;
  raw: Buffer;
  etag: string;
  br?: Buffer;
  gzip?: Buffer;
  bytes: number;
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESS_FROM_BYTES = 1024;

/**
 * Cache of rendered public pages and downloads (issue 13: a press article linking to the portal must not
 * take it down). An entry is kept for one „epoch“: the epoch changes whenever this process changes data
 * (the read cache is emptied by every state-changing request and every job, ADR 0008) and at the latest
 * after the read cache's TTL (changes by other processes), so a page is never older than that. Concurrent
 * misses of one page share one rendering; br/gzip are made once per entry; ETag + 304 for revalidation.
 * Bounded by entries and bytes, least recently used first out.
 */
export class PageCache {
  private readonly map = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Entry>>();
  private bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly epoch: () => Promise<string>,
    private readonly maxEntries = 2000,
    private readonly maxBytes = 64 * 1024 * 1024,
  ) {}

  /** Send the page for `key` (everything the page depends on besides the data), rendering it on a miss. */
  async serve(
    req: FastifyRequest,
    reply: FastifyReply,
    key: string,
    build: () => Promise<Page>,
  ): Promise<FastifyReply> {
    const full = `${await this.epoch()}\n${key}`;
    let entry = this.map.get(full);
    const hit = !!entry;
    if (entry) {
      this.hits++;
      // Most recently used last.
      this.map.delete(full);
      this.map.set(full, entry);
    } else {
      this.misses++;
      let p = this.pending.get(full);
      if (!p) {
        p = build().then((page) => this.store(full, page));
        this.pending.set(full, p);
        void p.then(
          () => this.pending.delete(full),
          () => this.pending.delete(full),
        );
      }
      entry = await p;
    }
    reply.status(entry.status).type(entry.type);
    for (const [k, v] of Object.entries(entry.headers)) reply.header(k, v);
    reply.header('etag', entry.etag).header('x-page-cache', hit ? 'hit' : 'miss');
    if (entry.status === 200 && req.headers['if-none-match'] === entry.etag) return reply.status(304).send();
    const accept = req.headers['accept-encoding'];
    const encoding =
      accept && entry.raw.length >= COMPRESS_FROM_BYTES ? negotiate(accept, ['br', 'gzip']) : undefined;
    reply.header('vary', [entry.headers.vary, 'Accept-Encoding'].filter(Boolean).join(', '));
    if (encoding === 'br') {
      entry.br ??= await brotli(entry.raw, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: 6,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: entry.raw.length,
        },
      });
      return reply.header('content-encoding', 'br').send(entry.br);
    }
    if (encoding === 'gzip') {
      entry.gzip ??= await gzip(entry.raw, { level: 6 });
      return reply.header('content-encoding', 'gzip').send(entry.gzip);
    }
    return reply.send(entry.raw);
  }

  private store(key: string, page: Page): Entry {
    const raw = Buffer.isBuffer(page.body) ? page.body : Buffer.from(page.body);
    const entry: Entry = {
      status: page.status,
      type: page.type,
      headers: page.headers ?? {},
      raw,
      etag: `"${crypto.createHash('sha1').update(raw).digest('base64url').slice(0, 20)}"`,
      // Room for the compressed variants too.
      bytes: Math.ceil(raw.length * 1.5),
    };
    if (entry.bytes > this.maxBytes / 8) return entry;
    this.map.set(key, entry);
    this.bytes += entry.bytes;
    while (this.map.size > this.maxEntries || this.bytes > this.maxBytes) {
      const [k, v] = this.map.entries().next().value as [string, Entry];
      this.map.delete(k);
      this.bytes -= v.bytes;
    }
    return entry;
  }

  get size(): number {
    return this.map.size;
  }
}

const caches = new WeakMap<object, PageCache>();

/** One page cache per application (shared by the public routes' plugins). */
export function pageCacheOf(ctx: {
  cache: { get<T>(key: string, load: () => Promise<T>): Promise<T> };
}): PageCache {
  let c = caches.get(ctx);
  if (!c) {
    c = new PageCache(epochOf(ctx.cache));
    caches.set(ctx, c);
  }
  return c;
}

/** The epoch of a ReadCache-like cache: a new value whenever it was emptied or its TTL passed. */
export const epochOf = (cache: { get<T>(key: string, load: () => Promise<T>): Promise<T> }) => () =>
  cache.get('page-cache:epoch', async () => crypto.randomUUID());
