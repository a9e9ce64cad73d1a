import zlib from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import type { TestClient } from '../../test/testApp';

/* Helpers of the assessment tests (no test cases here). */

/** The token at the end of an external link. */
export const tokenOf = (link: string) => new URL(link).pathname.split('/').pop()!;

/** Path of an external link (the app is tested through inject, without host). */
export const pathOf = (link: string) => new URL(link).pathname;

/** The hidden CSRF field of the external form. */
export function csrfOf(html: string): string | null {
  return html.match(/name="_csrf" value="([^"]*)"/)?.[1] ?? null;
}

/** GET the external form like a browser (HTML, cookies kept by the client). */
export function getForm(c: TestClient, path: string): Promise<LightMyRequestResponse> {
  return c.request({ method: 'GET', url: path, headers: { accept: 'text/html' }, csrf: false });
}

/** POST the external form as application/x-www-form-urlencoded (no CSRF header: only the form field). */
export function postForm(
  c: TestClient,
  path: string,
  fields: Record<string, string>,
): Promise<LightMyRequestResponse> {
  return c.request({
    method: 'POST',
    url: path,
    headers: { accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
    csrf: false,
  });
}

/**
 * POST the external form as multipart/form-data, like a browser: the fields in order (the hidden _csrf
 * first), then one part per file input; an empty file input is sent as an empty part without a name.
 */
export function postMultipartForm(
  c: TestClient,
  path: string,
  fields: Record<string, string>,
  files: Record<string, { name: string; bytes: Uint8Array | string } | null> = {},
): Promise<LightMyRequestResponse> {
  const boundary = `----dkbm${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const [name, file] of Object.entries(files)) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${file?.name ?? ''}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      file ? Buffer.from(file.bytes) : Buffer.alloc(0),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return c.request({
    method: 'POST',
    url: path,
    headers: { accept: 'text/html', 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(chunks),
    csrf: false,
  });
}

/** Files of a ZIP archive (DOCX), read from the central directory; deflate and stored entries. */
export function unzip(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const lNameLen = buf.readUInt16LE(local + 26);
    const lExtraLen = buf.readUInt16LE(local + 28);
    const start = local + 30 + lNameLen + lExtraLen;
    const data = buf.subarray(start, start + compressed);
    out.set(name, method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Decode an 8-bit RGB/RGBA/grey PNG (as written by pdftoppm) into pixels. */
export function decodePng(buf: Buffer): {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array;
} {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let p = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (p < buf.length) {
    const len = buf.readUInt32BE(p);
    const type = buf.subarray(p + 4, p + 8).toString('latin1');
    const body = buf.subarray(p + 8, p + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      const color = body[9];
      if (depth !== 8 || body[12] !== 0) throw new Error('unsupported PNG');
      channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[color!] ?? 0;
      if (!channels) throw new Error('unsupported PNG colour type');
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    p += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const data = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? data[y * stride + x - channels]! : 0;
      const b = y > 0 ? data[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? data[(y - 1) * stride + x - channels]! : 0;
      let v = line[x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      data[y * stride + x] = v & 0xff;
    }
  }
  return { width, height, channels, data };
}

/** Share of non-white pixels in a box given as fractions of the image (x0, y0, x1, y1). */
export function inkShare(
  png: { width: number; height: number; channels: number; data: Uint8Array },
  box: [number, number, number, number],
): number {
  const [x0, y0, x1, y1] = [
    Math.floor(box[0] * png.width),
    Math.floor(box[1] * png.height),
    Math.ceil(box[2] * png.width),
    Math.ceil(box[3] * png.height),
  ];
  let ink = 0;
  let total = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * png.width + x) * png.channels;
      const min = Math.min(...Array.from(png.data.subarray(i, i + Math.min(3, png.channels))));
      if (min < 235) ink++;
      total++;
    }
  }
  return total ? ink / total : 0;
}
