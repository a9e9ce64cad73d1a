import { Worker } from 'node:worker_threads';
import type { ReportDetail } from '@dkbm/contract';
import type { ImageFile } from './images.service';

/*
 * The DOCX of a report is built in a worker thread (`docx.worker.ts`): a 100-page report with 40 charts
 * takes seconds of CPU (ECharts, resvg PNG per chart, zip), which in the server's thread would stop every
 * other request meanwhile (bench/README.md). One thread per file, at most MAX_PARALLEL at once; further
 * requests wait their turn.
 */

const MAX_PARALLEL = 2;
let running = 0;
const waiting: Array<() => void> = [];

async function slot(): Promise<void> {
  if (running < MAX_PARALLEL) {
    running++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function release(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

/** ESM loader hook: `import text from './x.css?raw'` under tsx gives the file's text. */
const RAW_HOOK = `import fs from 'node:fs';
export async function load(url, context, next) {
  if (!url.endsWith('?raw')) return next(url, context);
  const text = fs.readFileSync(new URL(url.slice(0, -4)), 'utf8');
  return { format: 'module', shortCircuit: true, source: 'export default ' + JSON.stringify(text) };
}`;

/** How the worker is started: the built file next to this bundle, or the TypeScript source through tsx. */
function startWorker(): Worker {
  if (import.meta.url.endsWith('.ts')) {
    // Tests, benchmarks and the development server run the sources.
    // The portal's map classes come with the shared palette (`palette.css?raw`, a Vite/tsup import):
    // a loader hook gives such a file as its text, as the build does.
    const url = new URL('./docx.worker.ts', import.meta.url).href;
    const rawHook = `data:text/javascript,${encodeURIComponent(RAW_HOOK)}`;
    return new Worker(
      `import('tsx/esm/api').then(async (m) => { m.register(); (await import('node:module')).register(${JSON.stringify(rawHook)}); return import(${JSON.stringify(url)}); })`,
      { eval: true },
    );
  }
  return new Worker(new URL('./docxWorker.js', import.meta.url));
}

/** The report as a Word file, built off the event loop. */
export async function reportDocxOffThread(
  report: ReportDetail,
  tenantName: string,
  images?: ReadonlyMap<string, ImageFile>,
): Promise<Buffer> {
  await slot();
  try {
    const worker = startWorker();
    try {
      return await new Promise<Buffer>((resolve, reject) => {
        worker.once('message', (m: { ok: true; bytes: Uint8Array } | { ok: false; message: string }) =>
          m.ok
            ? resolve(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength))
            : reject(new Error(m.message)),
        );
        worker.once('error', reject);
        worker.once('exit', (code) =>
          reject(new Error(`Der Word-Export wurde abgebrochen (Thread-Ende ${code}).`)),
        );
        worker.postMessage({ report, tenantName, images: images ? [...images] : [] }, []);
      });
    } finally {
      void worker.terminate();
    }
  } finally {
    release();
  }
}
