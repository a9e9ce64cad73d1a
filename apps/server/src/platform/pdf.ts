import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';

/** Chromium is not installed (or does not start): the PDF export answers 503. */
export class PdfUnavailableError extends Error {}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * One Chromium per process, launched on the first PDF and closed when the last app using it closes.
 * Pages are created per document and closed right after printing.
 */
let browser: Promise<Browser> | null = null;
let users = 0;

async function launch(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!fs.existsSync(executablePath)) throw new PdfUnavailableError(`Chromium fehlt: ${executablePath}`);
  const { chromium } = await import('playwright-core');
  try {
    const b = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    b.on('disconnected', () => {
      browser = null;
    });
    return b;
  } catch (err) {
    throw new PdfUnavailableError(`Chromium startet nicht: ${(err as Error).message.split('\n')[0]}`);
  }
}

function getBrowser(): Promise<Browser> {
  if (!browser) {
    browser = launch();
    browser.catch(() => {
      browser = null;
    });
  }
  return browser;
}

export interface PdfOptions {
  /** Footer with page numbers (the report); the one-page profile has none. */
  pageNumbers?: boolean;
  /** Running header on every page (e.g. the title of a Bildungsbericht). */
  headerText?: string;
  /**
   * Page references: every element `[data-page-of="<id>"]` gets the number of the page on which the
   * element with that id starts (a table of contents with page numbers). The id must be the target of a
   * link in the document (`<a href="#id">`), because Chromium writes named destinations only for those.
   */
  pageRefs?: boolean;
  /**
   * With `pageRefs`: content drawn while Chromium lays out the pages — [id, html] for each element
   * `[data-deferred="id"]`, which must already have its final size (e.g. an empty SVG of the chart's size).
   */
  deferred?: () => Promise<Array<[string, string]>>;
}

/** CSS of the layout pass: nothing is painted (fast), the layout is exactly that of the final print. */
const LAYOUT_PASS_CSS = '*{visibility:hidden!important}';

/**
 * The pages of the named destinations of a PDF printed by Chromium (Skia writes plain, uncompressed
 * dictionaries for the catalogue, the page tree and the destinations): name → page number (1-based).
 */
export function namedDestinationPages(pdf: Buffer): Map<string, number> {
  const text = pdf.toString('latin1');
  const objCache = new Map<number, string>();
  const obj = (n: number): string => {
    let o = objCache.get(n);
    if (o === undefined) {
      const m = new RegExp(`(?:^|[\\r\\n])${n} 0 obj\\s*(<<[\\s\\S]*?)endobj`).exec(text);
      o = m?.[1] ?? '';
      objCache.set(n, o);
    }
    return o;
  };
  const ref = (dict: string, key: string) => {
    const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
    return m ? Number(m[1]) : null;
  };
  const catalogue = /\/Type\s*\/Catalog[\s\S]*?endobj/.exec(text)?.[0] ?? '';
  const pageOrder = new Map<number, number>();
  const walk = (n: number, depth: number) => {
    if (depth > 32) return;
    const node = obj(n);
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(node);
    if (!kids || /\/Type\s*\/Page\b(?!s)/.test(node)) {
      pageOrder.set(n, pageOrder.size + 1);
      return;
    }
    for (const k of kids[1]!.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]), depth + 1);
  };
  const root = ref(catalogue, 'Pages');
  if (root !== null) walk(root, 0);
  const out = new Map<string, number>();
  const destsRef = ref(catalogue, 'Dests');
  const dests = destsRef !== null ? obj(destsRef) : '';
  for (const m of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+) 0 R/g)) {
    const page = pageOrder.get(Number(m[2]));
    if (page) out.set(decodeName(m[1]!), page);
  }
  return out;
}

/** A PDF name without its #xx escapes. */
const decodeName = (name: string) =>
  Buffer.from(
    name.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

const escHeader = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Closes the process's browser (the CLI, after its last PDF). */
export async function closePdfBrowser(): Promise<void> {
  if (!browser) return;
  const b = browser;
  browser = null;
  await b.then((x) => x.close()).catch(() => undefined);
}

/** Chromium prints the HTML to A4 (tagged, with outline, page numbers and an optional running header). */
export async function printPdf(html: string, opts: PdfOptions = { pageNumbers: true }): Promise<Buffer> {
  const b = await getBrowser();
  const context = await b.newContext({ javaScriptEnabled: false, offline: true });
  try {
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    const margin = { top: '16mm', bottom: '18mm', left: '16mm', right: '16mm' };
    if (opts.pageRefs) {
      // Layout pass: the same page size and margins, nothing painted; then the numbers go in.
      // (page.addStyleTag waits for a load event that never comes without JavaScript.)
      await page.evaluate((css) => {
        const style = document.createElement('style');
        style.id = 'dkbm-layout-pass';
        style.textContent = css;
        document.head.append(style);
      }, LAYOUT_PASS_CSS);
      const layout = page.pdf({ format: 'A4', margin });
      const late = opts.deferred ? await opts.deferred() : [];
      const pages = namedDestinationPages(await layout);
      await page.evaluate(
        ([entries, lateEntries]) => {
          document.getElementById('dkbm-layout-pass')?.remove();
          const map = new Map(entries);
          for (const el of document.querySelectorAll<HTMLElement>('[data-page-of]')) {
            const n = map.get(el.dataset.pageOf ?? '');
            if (n !== undefined) el.textContent = String(n);
          }
          const content = new Map(lateEntries);
          for (const el of document.querySelectorAll<HTMLElement>('[data-deferred]')) {
            const markup = content.get(el.dataset.deferred ?? '');
            if (markup !== undefined) el.innerHTML = markup;
          }
        },
        [[...pages.entries()], late] as const,
      );
    }
    return await page.pdf({
      format: 'A4',
      printBackground: true,
      tagged: true,
      outline: true,
      displayHeaderFooter: opts.pageNumbers !== false,
      headerTemplate: opts.headerText
        ? `<div style="width:100%;font-size:8pt;color:#444;padding:0 16mm;font-family:sans-serif">${escHeader(opts.headerText)}</div>`
        : '<span></span>',
      footerTemplate:
        '<div style="width:100%;font-size:8pt;color:#444;text-align:center;font-family:sans-serif">' +
        'Seite <span class="pageNumber"></span> von <span class="totalPages"></span></div>',
      margin,
    });
  } finally {
    await context.close().catch(() => undefined);
  }
}

export function pdfRenderer(app: FastifyInstance) {
  users++;
  app.addHook('onClose', async () => {
    users--;
    if (users <= 0) await closePdfBrowser();
  });
  return { render: printPdf };
}
