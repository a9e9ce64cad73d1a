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
}

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
      margin: { top: '16mm', bottom: '18mm', left: '16mm', right: '16mm' },
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
