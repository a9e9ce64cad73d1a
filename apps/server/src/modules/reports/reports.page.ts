import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { ReportFormat, ReportSummary } from '@dkbm/contract';
import { tenantScope } from '../../platform/tenancy/scope';
import { getTenantRowBySlug } from '../tenants/tenants.service';
import { attachment } from '../../platform/http/download';
import { pdfRenderer } from '../../platform/pdf';
import { publishedReport, publishedReports } from './reports.service';
import { MIME, fileName, renderReport } from './outputs';
import { imagesOfReport } from './images.service';
import { deDate, esc, typography } from './render.common';

/*
 * The public side of the reports: per municipality a list of its published reports (earlier ones stay)
 * and each report as accessible HTML (no JavaScript), PDF and DOCX. Only published reports, whose data
 * blocks hold the frozen, disclosure-controlled values.
 */

const html = 'text/html; charset=utf-8';

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>
html{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;line-height:1.5;color:#1b1f24;background:#fff}
body{margin:0}main,nav{max-width:52rem;margin:0 auto;padding:1rem}
h1,h2,p{hyphens:auto;overflow-wrap:anywhere}
ul.reports li{position:relative}
a{color:#0b5394}a:focus-visible{outline:3px solid #b45309;outline-offset:2px}
ul.reports{list-style:none;padding:0}ul.reports li{border-top:1px solid #8a96a3;padding:.75rem 0}
.meta{color:#3d4651}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
</style></head><body>${body}</body></html>`;
}

function listPage(tenantName: string, slug: string, reports: ReportSummary[]): string {
  const items = reports
    .map(
      (r) => `<li><h2><a href="/kommune/${esc(slug)}/berichte/${r.id}">${esc(typography(r.title))}</a></h2>
<p class="meta">Berichtszeitraum ${esc(r.period)}${r.publishedAt ? ` · veröffentlicht am ${esc(deDate(r.publishedAt))}` : ''}</p>
${r.summary ? `<p>${esc(typography(r.summary))}</p>` : ''}
<p><a href="/kommune/${esc(slug)}/berichte/${r.id}/bericht.pdf" download>PDF<span class="visually-hidden"> – ${esc(r.title)}</span></a> ·
<a href="/kommune/${esc(slug)}/berichte/${r.id}/bericht.docx" download>Word (DOCX)<span class="visually-hidden"> – ${esc(r.title)}</span></a></p></li>`,
    )
    .join('\n');
  return page(
    `Bildungsberichte – ${tenantName}`,
    `<nav aria-label="Portal"><a href="/kommune/${esc(slug)}">Zurück zu ${esc(tenantName)}</a></nav>
<main><h1>Bildungsberichte – ${esc(tenantName)}</h1>
${reports.length ? `<ul class="reports">${items}</ul>` : '<p>Es sind noch keine Berichte veröffentlicht.</p>'}
</main>`,
  );
}

const notFoundPage = (reply: FastifyReply) =>
  reply
    .status(404)
    .type(html)
    .send(
      page(
        'Nicht gefunden',
        '<main><h1>Nicht gefunden</h1><p>Diese Seite gibt es nicht. <a href="/">Zur Startseite</a></p></main>',
      ),
    );

export const reportsPublicRoutes: FastifyPluginAsync = async (app) => {
  const { db } = app.ctx;
  const pdf = pdfRenderer(app);

  app.get<{ Params: { slug: string } }>(
    '/kommune/:slug/berichte',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      const t = await getTenantRowBySlug(db, req.params.slug);
      if (!t) return notFoundPage(reply);
      const list = await publishedReports(tenantScope(db, t.id));
      reply.header('cache-control', 'no-cache');
      return reply.type(html).send(listPage(t.name, t.slug, list));
    },
  );

  const one = async (slug: string, id: string) => {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const t = await getTenantRowBySlug(db, slug);
    if (!t) return null;
    const report = await publishedReport(tenantScope(db, t.id), id);
    return report ? { t, report } : null;
  };

  for (const [suffix, format] of [
    ['', 'html'],
    ['/bericht.pdf', 'pdf'],
    ['/bericht.docx', 'docx'],
  ] as const) {
    app.get<{ Params: { slug: string; reportId: string } }>(
      `/kommune/:slug/berichte/:reportId${suffix}`,
      { config: { access: 'public' }, schema: { hide: true } },
      async (req, reply) => {
        const found = await one(req.params.slug, req.params.reportId);
        if (!found) return notFoundPage(reply);
        const { t, report } = found;
        const base = `/kommune/${t.slug}/berichte/${report.id}`;
        const images = await imagesOfReport(tenantScope(db, t.id), report);
        const bytes = await renderReport(
          report,
          t.name,
          format as ReportFormat,
          pdf,
          {
            back: `/kommune/${t.slug}/berichte`,
            backText: `Alle Berichte von ${t.name}`,
            pdf: `${base}/bericht.pdf`,
            docx: `${base}/bericht.docx`,
          },
          images,
        );
        reply.header('cache-control', 'no-cache');
        if (format !== 'html') reply.header('content-disposition', attachment(fileName(report, format)));
        return reply.type(MIME[format]).send(bytes);
      },
    );
  }
};
