import type { ImageFile } from './images.service';
import type { ReportDetail, ReportFormat } from '@dkbm/contract';
import { HttpError } from '../../platform/http/errors';
import { PdfUnavailableError, type pdfRenderer } from '../../platform/pdf';
import { fileStem } from '../../platform/http/download';
import { reportDocxOffThread } from './docx.thread';
import { deferredCharts, reportHtml, type HtmlOptions } from './render.html';

/* One source, three outputs: HTML (public page), PDF (Chromium prints the HTML), DOCX. */

export const MIME: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export const fileName = (report: ReportDetail, format: ReportFormat) =>
  `${fileStem(report.title, 'bildungsbericht')}.${format}`;

export async function renderReport(
  report: ReportDetail,
  tenantName: string,
  format: ReportFormat,
  pdf: ReturnType<typeof pdfRenderer>,
  links?: HtmlOptions['links'],
  images?: ReadonlyMap<string, ImageFile>,
): Promise<Buffer> {
  // In a worker thread: charts as PNG take seconds of CPU for a long report (bench/README.md).
  if (format === 'docx') return reportDocxOffThread(report, tenantName, images);
  if (format === 'html')
    return Buffer.from(
      reportHtml(report, {
        tenantName,
        mode: 'screen',
        ...(links ? { links } : {}),
        ...(images ? { images } : {}),
      }),
    );
  // The charts are drawn while Chromium lays out the pages for the contents' page numbers.
  const html = reportHtml(report, {
    tenantName,
    mode: 'print',
    charts: 'deferred',
    ...(images ? { images } : {}),
  });
  try {
    return await pdf.render(html, {
      pageNumbers: true,
      pageRefs: true,
      deferred: () => deferredCharts(report),
      headerText: `${tenantName} · ${report.title}`,
    });
  } catch (err) {
    if (err instanceof PdfUnavailableError)
      throw new HttpError(
        503,
        'pdf_unavailable',
        'Die PDF-Erzeugung ist auf diesem Server nicht verfügbar (Chromium fehlt). Bitte nutzen Sie den Word-Export.',
      );
    throw err;
  }
}
