import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * A small in-process cache of serialised response bodies, bounded by entries and bytes, least recently
 * used first out. Keys must contain everything the body depends on (e.g. the ETag of the response, whose
 * inputs include the data version), so entries never need to be invalidated: stale keys age out.
 * Bodies are kept as bytes: sending them needs no encoding per request.
 */
export class BodyCache {
  private readonly map = new Map<string, Buffer>();
  private bytes = 0;

  constructor(
    private readonly maxEntries = 500,
    private readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  get(key: string): Buffer | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    // Refresh its place (most recently used last) only when eviction is near: re-inserting on every hit
    // costs more than the hit itself.
    if (this.map.size > this.maxEntries / 2 || this.bytes > this.maxBytes / 2) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, body: Buffer): void {
    const size = body.length;
    if (size > this.maxBytes / 4) return;
    const old = this.map.get(key);
    if (old !== undefined) {
      this.map.delete(key);
      this.bytes -= old.length;
    }
    this.map.set(key, body);
    this.bytes += size;
    while (this.map.size > this.maxEntries || this.bytes > this.maxBytes) {
      const [k, v] = this.map.entries().next().value as [string, Buffer];
      this.map.delete(k);
      this.bytes -= v.length;
    }
  }

  get size(): number {
    return this.map.size;
  }
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
/** Below this size compression is not worth it (as the app-wide compress plugin's threshold). */
const COMPRESS_FROM_BYTES = 1024;

/**
 * Send a JSON body from `cache` (made by `build` on a miss). When the client accepts br or gzip, the
 * compressed body is made once and kept as well, instead of compressing the same bytes per request
 * (the compress plugin leaves answers alone that already carry a Content-Encoding).
 */
export async function sendCachedJson(
  req: FastifyRequest,
  reply: FastifyReply,
  cache: BodyCache,
  key: string,
  build: () => Promise<string>,
): Promise<FastifyReply> {
  let raw = cache.get(key);
  if (raw === undefined) {
    raw = Buffer.from(await build());
    cache.set(key, raw);
  }
  reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  const accept = req.headers['accept-encoding'];
  const encoding =
    accept && raw.length >= COMPRESS_FROM_BYTES ? negotiate(accept, ['br', 'gzip']) : undefined;
  if (encoding !== 'br' && encoding !== 'gzip') return reply.send(raw);
  const zkey = `${key}\n${encoding}`;
  let body = cache.get(zkey);
  if (body === undefined) {
    body =
      encoding === 'br'
        ? await brotli(raw, {
            params: {
              [zlib.constants.BROTLI_PARAM_QUALITY]: 6,
              [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
            },
          })
        : await gzip(raw, { level: 6 });
    cache.set(zkey, body);
  }
  return reply.header('content-encoding', encoding).send(body);
}
