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
  /** Version of the read cache when the page was rendered (a change in this process makes it old). */
  version: number;
  at: number;
  status: number;
  type: string;
  headers: Record<string, string>;
  raw: Buffer;
  etag: string;
  br?: Buffer;
  gzip?: Buffer;
  bytes: number;
}

interface MemoEntry {
  version: number;
  at: number;
  value: Promise<unknown>;
  /** Data version read before the value was loaded (undefined: none given or unreadable). */
  stamp: Promise<string | undefined> | undefined;
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const COMPRESS_FROM_BYTES = 1024;

/** What the page cache follows: the read cache's version (bumped by every change) and a TTL. */
export interface CacheSource {
  readonly version: number;
  readonly ttlMs: number;
}

/**
 * Cache of rendered public pages and downloads (issue 13: a press article linking to the portal must not
 * take it down), and of the data behind them (`memo`). Follows the read cache (ADR 0008):
 * - a change made by this process (any state-changing request, any job) bumps the read cache's version;
 *   a page rendered before is never served again — the next request renders it anew;
 * - changes by other processes (CLI on PostgreSQL, a second server) are picked up after the TTL: an entry
 *   older than the TTL is still served once more while it is rendered again in the background
 *   (stale-while-revalidate), so a page that takes longer to render than the TTL still gets hits;
 * - concurrent misses of one page share one rendering; br/gzip are made once per entry; ETag + 304.
 * Bounded by entries and bytes, least recently used first out. TTL 0 turns it off.
 */
export class PageCache {
  private readonly map = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Entry>>();
  private readonly data = new Map<string, MemoEntry>();
  private bytes = 0;
  hits = 0;
  misses = 0;
  /** Background reloads of memos after the TTL (skipped ones, whose stamp was unchanged, not counted). */
  reloads = 0;

  constructor(
    private readonly source: CacheSource,
    private readonly maxEntries = 2000,
    private readonly maxBytes = 64 * 1024 * 1024,
    /** The clock (tests pass their own). */
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * A value (e.g. all published entries of a municipality) kept like the pages: rebuilt after a change in
   * this process, refreshed in the background after the TTL. Callers must not change it.
   * With `stamp` (a cheap data version, e.g. count and last change of the rows behind the value): after the
   * TTL the stamp is read first and the value reloaded only when the stamp differs — no reload every TTL
   * while nothing changed. The stamp is read before the load, so a change during the load shows next time.
   */
  memo<T>(key: string, load: () => Promise<T>, stamp?: () => Promise<string>): Promise<T> {
    const { version, ttlMs } = this.source;
    if (ttlMs <= 0) return load();
    const hit = this.data.get(key);
    const now = this.now();
    if (hit && hit.version === version) {
      if (now - hit.at >= ttlMs) {
        hit.at = now;
        void this.refresh(key, hit, load, stamp);
      }
      return hit.value as Promise<T>;
    }
    const read = stamp ? stamp().catch(() => undefined) : undefined;
    const entry: MemoEntry = { version, at: now, value: load() as Promise<unknown>, stamp: read };
    this.data.delete(key);
    this.data.set(key, entry);
    if (this.data.size > 1000) this.data.delete(this.data.keys().next().value!);
    entry.value.catch(() => {
      if (this.data.get(key) === entry) this.data.delete(key);
    });
    return entry.value as Promise<T>;
  }

  /** Reload a memo after its TTL in the background, unless its stamp says nothing changed. */
  private async refresh(
    key: string,
    hit: MemoEntry,
    load: () => Promise<unknown>,
    stamp?: () => Promise<string>,
  ): Promise<void> {
    try {
      const read = stamp ? await stamp() : undefined;
      if (read !== undefined && read === (await hit.stamp)) return;
      this.reloads++;
      const value = await load();
      if (this.data.get(key) === hit)
        this.data.set(key, {
          version: hit.version,
          at: this.now(),
          value: Promise.resolve(value),
          stamp: Promise.resolve(read),
        });
    } catch {
      // Keep the old value; the next request after the TTL tries again.
    }
  }

  /** Send the page for `key` (everything the page depends on besides the data), rendering it on a miss. */
  async serve(
    req: FastifyRequest,
    reply: FastifyReply,
    key: string,
    build: () => Promise<Page>,
  ): Promise<FastifyReply> {
    const { version, ttlMs } = this.source;
    let entry = ttlMs > 0 ? this.map.get(key) : undefined;
    let state: 'hit' | 'stale' | 'miss' = 'miss';
    if (entry && entry.version === version) {
      this.hits++;
      state = Date.now() - entry.at >= ttlMs ? 'stale' : 'hit';
      // Most recently used last.
      this.map.delete(key);
      this.map.set(key, entry);
      if (state === 'stale') {
        entry.at = Date.now();
        void this.render(key, version, build).catch(() => undefined);
      }
    } else {
      this.misses++;
      entry = await this.render(key, version, build);
    }
    return this.send(req, reply, entry, state);
  }

  /**
   * Answer a request from a fresh entry before the application's hooks run (app.ts, first onRequest hook):
   * the bytes and headers `serve` sends, plus `head` (the security headers and the request id the hooks
   * would add), written straight to the socket. Returns false, having sent nothing, when there is no fresh
   * entry (missing, older than a change in this process or than the TTL) or the compressed variant the
   * client takes is not made yet: then the request goes the normal way, which renders or compresses.
   */
  answerEarly(req: FastifyRequest, reply: FastifyReply, key: string, head: Record<string, string>): boolean {
    const { version, ttlMs } = this.source;
    if (ttlMs <= 0) return false;
    const entry = this.map.get(key);
    if (!entry || entry.version !== version || Date.now() - entry.at >= ttlMs) return false;
    const headers: Record<string, string> = { ...head, 'content-type': entry.type };
    for (const [k, v] of Object.entries(entry.headers)) headers[k.toLowerCase()] = v;
    headers.etag = entry.etag;
    // „early“: answered before the hooks (tests and benchmarks tell it from a hit the normal way).
    headers['x-page-cache'] = 'early';
    let status = entry.status;
    let body: Buffer | undefined;
    if (status === 200 && req.headers['if-none-match'] === entry.etag) status = 304;
    else {
      const accept = req.headers['accept-encoding'];
      const encoding =
        accept && entry.raw.length >= COMPRESS_FROM_BYTES ? negotiate(accept, ['br', 'gzip']) : undefined;
      headers.vary = [entry.headers.vary, 'Accept-Encoding'].filter(Boolean).join(', ');
      body = encoding === 'br' ? entry.br : encoding === 'gzip' ? entry.gzip : entry.raw;
      if (!body) return false;
      if (encoding) headers['content-encoding'] = encoding;
      headers['content-length'] = String(body.length);
    }
    this.hits++;
    this.map.delete(key);
    this.map.set(key, entry);
    reply.hijack();
    reply.raw.writeHead(status, headers);
    reply.raw.end(body && req.method !== 'HEAD' ? body : undefined);
    return true;
  }

  private render(key: string, version: number, build: () => Promise<Page>): Promise<Entry> {
    const pkey = `${version}\n${key}`;
    let p = this.pending.get(pkey);
    if (!p) {
      p = build().then((page) => this.store(key, version, page));
      this.pending.set(pkey, p);
      void p.then(
        () => this.pending.delete(pkey),
        () => this.pending.delete(pkey),
      );
    }
    return p;
  }

  private async send(req: FastifyRequest, reply: FastifyReply, entry: Entry, state: string) {
    reply.status(entry.status).type(entry.type);
    for (const [k, v] of Object.entries(entry.headers)) reply.header(k, v);
    reply.header('etag', entry.etag).header('x-page-cache', state);
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

  private store(key: string, version: number, page: Page): Entry {
    const raw = Buffer.isBuffer(page.body) ? page.body : Buffer.from(page.body);
    const entry: Entry = {
      version,
      at: Date.now(),
      status: page.status,
      type: page.type,
      headers: page.headers ?? {},
      raw,
      etag: `"${crypto.createHash('sha1').update(raw).digest('base64url').slice(0, 20)}"`,
      // Room for the compressed variants too.
      bytes: Math.ceil(raw.length * 1.5),
    };
    if (entry.bytes > this.maxBytes / 8 || this.source.ttlMs <= 0) return entry;
    const old = this.map.get(key);
    if (old) {
      this.map.delete(key);
      this.bytes -= old.bytes;
    }
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

/** One page cache per application (shared by the public routes' plugins), following its read cache. */
export function pageCacheOf(ctx: {
  cache: { readonly version: number };
  config: { publicPageTtlMs: number };
}): PageCache {
  let c = caches.get(ctx);
  if (!c) {
    const { cache, config } = ctx;
    c = new PageCache({
      get version() {
        return cache.version;
      },
      ttlMs: config.publicPageTtlMs,
    });
    caches.set(ctx, c);
  }
  return c;
}
