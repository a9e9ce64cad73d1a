/**
 * Worker thread of a report's DOCX (entry `docxWorker.js` of the build): builds the Word file — charts and
 * maps drawn with ECharts and turned into PNG with resvg — off the server's event loop (ADR 0012).
 *   → { report, tenantName, images }     ← { ok: true, bytes } | { ok: false, message }
 */
import { parentPort } from 'node:worker_threads';
import type { ReportDetail } from '@dkbm/contract';
import type { ImageFile } from './images.service';
import { reportDocx } from './render.docx';

const port = parentPort!;
port.once('message', (m: { report: ReportDetail; tenantName: string; images: [string, ImageFile][] }) => {
  // Buffers arrive as plain Uint8Arrays (structured clone): make them Buffers again.
  const images = new Map(m.images.map(([id, f]) => [id, { ...f, bytes: Buffer.from(f.bytes) }] as const));
  reportDocx(m.report, m.tenantName, images).then(
    (buf) => {
      // A buffer of its own, moved (not copied) to the main thread.
      const bytes = new Uint8Array(buf.byteLength);
      bytes.set(buf);
      port.postMessage({ ok: true, bytes }, [bytes.buffer]);
    },
    (err: unknown) =>
      port.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) }),
  );
});
