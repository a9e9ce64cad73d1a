/** ZIP fixtures for tests: archives written as a stream (sizes only in data descriptors). */
import { Zip, ZipDeflate } from 'fflate';

const MiB = 1024 * 1024;

/** Entries as bytes, or `{ zeros: n }` for n MiB of zeros (a zip bomb's padding, ~1 KB per MiB). */
export function streamedZip(files: Record<string, Uint8Array | { zeros: number }>): Uint8Array {
  const parts: Uint8Array[] = [];
  const z = new Zip((err, data) => {
    if (err) throw err;
    parts.push(data);
  });
  for (const [name, content] of Object.entries(files)) {
    const f = new ZipDeflate(name, { level: 9 });
    z.add(f);
    if (content instanceof Uint8Array) f.push(content, true);
    else {
      const chunk = new Uint8Array(MiB);
      for (let i = 0; i < content.zeros; i++) f.push(chunk, i === content.zeros - 1);
    }
  }
  z.end();
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
