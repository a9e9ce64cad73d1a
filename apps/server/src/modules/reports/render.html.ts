import type { ImageFile } from './images.service';
import { textToRich, type Block, type ReportDetail } from '@dkbm/contract';
import {
  blockCaption,
  chartAlt,
  chartHeight,
  chartSvg,
  dataTable,
  deDate,
  esc,
  goalMeta,
  findingSource,
  findingTable,
  goalTable,
  keyFigure,
  mapAlt,
  mapSvg,
  numbering,
  RECOMMENDATION_STATUS_DE,
  type BlockNumbers,
  periodLabel,
  sourceLine,
  typography,
} from './render.common';
import { footnotesHtml, richHtml, type HtmlFootnote } from './render.rich';

/* The report as one accessible HTML document: the public page and, printed by Chromium, the PDF. */

export interface HtmlOptions {
  tenantName: string;
  /** print: cover page, tables always open, no navigation (the PDF). */
  mode: 'screen' | 'print';
  /** Links on the public page. */
  links?: { back: string; backText: string; pdf: string; docx: string };
  /** Stylesheet of the public portal (screen mode). */
  cssHref?: string;
  /**
   * deferred: charts are empty boxes of their final size, marked `data-deferred`; `deferredCharts` draws
   * them (the PDF draws them while Chromium lays out the pages, platform/pdf.ts).
   */
  charts?: 'inline' | 'deferred';
  /** The images of the image blocks (embedded as data: URLs, so the page and the PDF need no request). */
  images?: ReadonlyMap<string, ImageFile>;
}

const deferredId = (b: Block) => `chart-${b.id}`;

/** The charts of a report for the `deferred` boxes, drawn one by one (the event loop runs in between). */
export async function deferredCharts(report: ReportDetail): Promise<Array<[string, string]>> {
  const out: Array<[string, string]> = [];
  for (const b of report.chapters.flatMap((c) => c.blocks)) {
    if (b.kind !== 'chart' || !b.data) continue;
    await new Promise((r) => setImmediate(r));
    out.push([deferredId(b), chartSvg(b.data, b.view ?? 'areas')]);
  }
  return out;
}

const CSS = `
*{box-sizing:border-box}
html{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;line-height:1.5;color:#1b1f24;background:#fff}
body{margin:0}
.report{max-width:52rem;margin:0 auto;padding:1rem}
.report p,.report li,.report h1,.report h2,.report h3{hyphens:auto;-webkit-hyphens:auto;overflow-wrap:anywhere}
.report h1{font-size:1.9rem;line-height:1.2;margin:.5rem 0}
.report h2{font-size:1.45rem;margin:2rem 0 .5rem;border-bottom:2px solid #0b5394;padding-bottom:.2rem}
.report h3{font-size:1.15rem;margin:1.2rem 0 .3rem}
.report .meta{color:#3d4651}
.report .visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.report .toc-page{display:none}
.report nav.toc ol{padding-left:1.4rem}
.report figure{margin:1rem 0}
.report figure .chart svg{width:100%;height:auto;max-width:40rem}
.report figcaption,.report .source,.report caption{font-size:.9rem;color:#3d4651;text-align:left}
.report caption{font-weight:700;color:#1b1f24;padding-bottom:.25rem}
.report .tablewrap{overflow-x:auto}
.report table{border-collapse:collapse;margin:.5rem 0;font-size:.92rem;min-width:20rem}
.report th,.report td{border:1px solid #8a96a3;padding:.25rem .5rem;text-align:left;vertical-align:top}
.report td.num,.report th.num{text-align:right;font-variant-numeric:tabular-nums}
.report thead th{background:#e8eef5}
.report details{margin:.4rem 0 1rem}
.report summary{cursor:pointer;color:#0b5394;text-decoration:underline}
.report .downloads a{margin-right:1rem}
.report .keyfigure{border-left:4px solid #0b5394;padding:.5rem 1rem;background:#f3f6fa}
.report .kf-value{font-size:2rem;font-weight:700;margin:0}
.report .kf-unit{font-size:1rem;font-weight:400}
.report .kf-trend{margin:.2rem 0}
.report .recommendation{border:2px solid #2e7d32;padding:.5rem 1rem;margin:1rem 0;background:#f1f8f1}
.report .goal{border:1px solid #8a96a3;padding:.5rem 1rem;margin:1rem 0}
.report .infobox{border-left:4px solid #b45309;background:#fdf6ec;padding:.5rem 1rem;margin:1rem 0}
.report .recommendation h3,.report .goal h3{margin-top:.3rem}
.report a{color:#0b5394}
.report sup.fnref{line-height:0}
.report .footnotes{border-top:1px solid #8a96a3;margin-top:1.5rem;font-size:.9rem}
.report .footnotes h3{font-size:1rem}
.report a:focus-visible,.report summary:focus-visible{outline:3px solid #b45309;outline-offset:2px}
@media print{
  @page{size:A4;margin:20mm 18mm 20mm}
  html{font-size:10pt}
  .report{max-width:none;padding:0}
  .noprint{display:none}
  .report h2{break-before:page;break-after:avoid}
  .report h3{break-after:avoid}
  .report figure,.report table,.report .recommendation,.report .goal,.report .infobox{break-inside:avoid}
  .report details>summary{display:none}
  .cover{display:block;break-after:page;padding-top:60mm}
  .cover h1{font-size:24pt}
  .report a{color:inherit;text-decoration:none}
  .report p a[href^="http"]::after,.report li a[href^="http"]::after,.report p a[href^="mailto:"]::after{content:" (" attr(href) ")";font-size:.85em}
  .report nav.toc li a{display:flex;align-items:baseline;gap:.4rem}
  .report nav.toc .toc-title{flex:1 1 auto;border-bottom:1px dotted #8a96a3}
  .report nav.toc .toc-page{display:inline;min-width:2.5em;text-align:right;font-variant-numeric:tabular-nums}
}
`;

function tableHtml(b: Block, n: number | undefined, captionText: string): string {
  const t = dataTable(b.data!);
  return `<div class="tablewrap"><table>
<caption>${n ? `Tabelle ${n}: ` : ''}${esc(captionText)}</caption>
<thead><tr><th scope="col">Gebiet</th>${t.periods.map((p) => `<th scope="col" class="num">${esc(periodLabel(p))}</th>`).join('')}</tr></thead>
<tbody>${t.rows.map((r) => `<tr><th scope="row">${esc(r.areaName)}</th>${r.values.map((v) => `<td class="num">${esc(v)}</td>`).join('')}</tr>`).join('')}</tbody>
</table></div>`;
}

const caption = (b: Block) => blockCaption(b.caption, b.data!);

function steeringHtml(b: Block, num: BlockNumbers | undefined): string {
  const ref = b.ref;
  if (!ref) return '<p>Für diesen Baustein liegen keine Daten vor.</p>';
  const hid = `b-${b.id}`;
  if (ref.kind === 'recommendation') {
    const meta = [
      ref.addressedUnit ? `Adressiert an: ${ref.addressedUnit}` : null,
      `Stand: ${RECOMMENDATION_STATUS_DE[ref.status] ?? ref.status}`,
    ].filter(Boolean);
    return `<aside class="recommendation" aria-labelledby="${hid}">
<h3 id="${hid}">Handlungsempfehlung ${num?.recommendation ?? ''}: ${esc(typography(ref.title))}</h3>
<p>${esc(typography(ref.text))}</p>
${ref.rationale ? `<p><strong>Begründung:</strong> ${esc(typography(ref.rationale))}</p>` : ''}
<p class="meta">${esc(typography(meta.join(' · ')))}</p>
</aside>`;
  }
  if (ref.kind === 'finding') {
    const rows = findingTable(ref);
    return `<aside class="finding" aria-labelledby="${hid}">
<h3 id="${hid}">Befund: ${esc(typography(ref.statement))}</h3>
<div class="tablewrap"><table>
<caption>Tabelle ${num?.table ?? ''}: Werte zum Befund</caption>
<thead><tr>${rows[0]!.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${rows
      .slice(1)
      .map((r) => `<tr><th scope="row">${esc(r[0]!)}</th><td class="num">${esc(r[1]!)}</td></tr>`)
      .join('')}</tbody></table></div>
<p class="source">${esc(findingSource(ref))}</p>
</aside>`;
  }
  const rows = goalTable(ref);
  const table = ref.targets.length
    ? `<div class="tablewrap"><table>
<caption>Tabelle ${num?.table ?? ''}: Zielwerte zum Ziel „${esc(typography(ref.title))}“</caption>
<thead><tr>${rows[0]!.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${rows
        .slice(1)
        .map(
          (r) =>
            `<tr><th scope="row">${esc(r[0]!)}</th>${r
              .slice(1)
              .map((v, i) => `<td${i >= 1 && i <= 3 ? ' class="num"' : ''}>${esc(v)}</td>`)
              .join('')}</tr>`,
        )
        .join('')}</tbody></table></div>
<p class="source">${esc(typography(`Quelle: Ziele und Steuerung; Werte aus dem Bildungsmonitoring (öffentliche Sicht), Stand ${deDate(ref.takenAt)}.`))}</p>`
    : '';
  return `<section class="goal" aria-labelledby="${hid}">
<h3 id="${hid}">Ziel: ${esc(typography(ref.title))}</h3>
${ref.description ? `<p>${esc(typography(ref.description))}</p>` : ''}
<p class="meta">${esc(typography(goalMeta(ref)))}</p>
${table}
</section>`;
}

function keyFigureHtml(b: Block): string {
  const k = keyFigure(b.data!, b.areaCode);
  if (!k) return '<p>Für diesen Baustein liegen keine Daten vor.</p>';
  const label = b.caption?.trim() || b.data!.indicatorName;
  const arrow = k.trend ? { up: '▲', down: '▼', same: '►' }[k.trend.direction] : '';
  return `<figure class="keyfigure">
<p class="kf-value">${esc(k.value)}${k.unit ? ` <span class="kf-unit">${esc(k.unit)}</span>` : ''}</p>
<figcaption>${esc(typography(label))} – ${esc(k.areaName)}, ${esc(k.period)}</figcaption>
${k.trend ? `<p class="kf-trend"><span aria-hidden="true">${arrow}</span> ${esc(k.trend.text)}</p>` : ''}
<p class="source">${esc(sourceLine(b.data!))}</p>
</figure>`;
}

/** Footnotes: one numbering for the report, the notes of each chapter after its blocks. */
interface Notes {
  counter: { n: number };
  chapter: HtmlFootnote[];
}

/** An image block: the image with its (required) alt text, numbered as a figure with its caption. */
function imageHtml(b: Block, num: BlockNumbers | undefined, opts: HtmlOptions) {
  const img = b.imageId ? opts.images?.get(b.imageId) : undefined;
  if (!img) return '<p>Das Bild dieses Bausteins fehlt.</p>';
  const capId = `abb-${b.id}`;
  return `<figure aria-labelledby="${capId}" class="report-image">
<img src="data:${img.mime};base64,${img.bytes.toString('base64')}" alt="${esc(typography(b.text ?? ''))}" width="${img.width}" height="${img.height}" style="max-width:100%;height:auto">
<figcaption id="${capId}">Abbildung ${num?.figure ?? ''}: ${esc(typography(b.caption ?? ''))}</figcaption>
</figure>`;
}

function blockHtml(b: Block, num: BlockNumbers | undefined, opts: HtmlOptions, notes: Notes) {
  const mode = opts.mode;
  if (b.kind === 'goal' || b.kind === 'recommendation' || b.kind === 'finding') return steeringHtml(b, num);
  if (b.kind === 'text') return richHtml(b.doc ?? textToRich(b.text ?? ''), notes.counter, notes.chapter);
  if (b.kind === 'infobox') {
    const body = richHtml(b.doc ?? textToRich(b.text ?? ''), notes.counter, notes.chapter);
    const hid = `b-${b.id}`;
    return b.caption
      ? `<aside class="infobox" aria-labelledby="${hid}"><h3 id="${hid}">${esc(typography(b.caption))}</h3>\n${body}</aside>`
      : `<aside class="infobox" aria-label="Infokasten">${body}</aside>`;
  }
  if (b.kind === 'image') return imageHtml(b, num, opts);
  if (!b.data) return '<p>Für diesen Baustein liegen keine Daten vor.</p>';
  if (b.kind === 'keyfigure') return keyFigureHtml(b);
  const cap = caption(b);
  const source = `<p class="source">${esc(sourceLine(b.data))}</p>`;
  if (b.kind === 'table') return `<figure>${tableHtml(b, num?.table, cap)}${source}</figure>`;
  const view = b.view ?? 'areas';
  const capId = `abb-${b.id}`;
  const table = tableHtml(b, num?.table, `Werte zu Abbildung ${num?.figure ?? ''}: ${cap}`);
  const tableAlt =
    mode === 'print'
      ? table
      : `<details><summary>Tabelle zur Abbildung ${num?.figure ?? ''}</summary>${table}</details>`;
  if (b.kind === 'map') {
    if (!b.data.map) return '<p>Für diesen Baustein liegen keine Karten-Daten vor.</p>';
    return `<figure aria-labelledby="${capId}">
<div class="chart map" role="img" aria-label="${esc(mapAlt(b.data))}">${mapSvg(b.data, b.id)}</div>
<figcaption id="${capId}">Abbildung ${num?.figure ?? ''}: ${esc(cap)}</figcaption>
${source}
${tableAlt}
</figure>`;
  }
  return `<figure aria-labelledby="${capId}">
<div class="chart" role="img" aria-label="${esc(chartAlt(b.data, view))}"${
    opts.charts === 'deferred' ? ` data-deferred="${deferredId(b)}"` : ''
  }>${
    opts.charts === 'deferred'
      ? `<svg width="640" height="${chartHeight(b.data, view)}" viewBox="0 0 640 ${chartHeight(b.data, view)}"></svg>`
      : chartSvg(b.data, view)
  }</div>
<figcaption id="${capId}">Abbildung ${num?.figure ?? ''}: ${esc(cap)}</figcaption>
${source}
${tableAlt}
</figure>`;
}

export const chapterAnchor = (i: number) => `kapitel-${i + 1}`;

export function reportHtml(report: ReportDetail, opts: HtmlOptions): string {
  const nums = numbering(report);
  const counter = { n: 1 };
  const title = typography(report.title);
  const meta = [
    `Berichtszeitraum ${report.period}`,
    report.dataCutoff ? `Redaktionsschluss ${deDate(report.dataCutoff)}` : null,
    report.authors ? `Autorinnen und Autoren: ${report.authors}` : null,
  ].filter(Boolean) as string[];
  const chapters = report.chapters
    .map((c, i) => {
      const notes: Notes = { counter, chapter: [] };
      const blocks = c.blocks.map((b) => blockHtml(b, nums.get(b.id), opts, notes)).join('\n');
      return `<section aria-labelledby="${chapterAnchor(i)}">
<h2 id="${chapterAnchor(i)}">${i + 1} ${esc(typography(c.title))}</h2>
${blocks}
${footnotesHtml(notes.chapter, chapterAnchor(i))}
</section>`;
    })
    .join('\n');
  // In print, each entry has its page number (filled in by the PDF's layout pass, platform/pdf.ts).
  const pageOf = (i: number) =>
    opts.mode === 'print'
      ? `<span class="toc-page"><span class="visually-hidden">Seite </span><span data-page-of="${chapterAnchor(i)}"></span></span>`
      : '';
  const toc = `<nav class="toc" aria-labelledby="toc-h"><h2 id="toc-h">Inhalt</h2><ol>${report.chapters
    .map(
      (c, i) =>
        `<li><a href="#${chapterAnchor(i)}"><span class="toc-title">${esc(typography(c.title))}</span>${pageOf(i)}</a></li>`,
    )
    .join('')}</ol></nav>`;
  const links = opts.links;
  const head = `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} – ${esc(opts.tenantName)}</title>
<meta name="author" content="${esc(report.authors ?? opts.tenantName)}">
<meta name="description" content="${esc(report.summary ?? title)}">
${opts.cssHref ? `<link rel="stylesheet" href="${esc(opts.cssHref)}">` : ''}
<style>${CSS}</style></head>`;
  const header = `<header class="${opts.mode === 'print' ? 'cover' : ''}">
<p class="meta">${esc(opts.tenantName)}</p>
<h1>${esc(title)}</h1>
${meta.map((m) => `<p class="meta">${esc(typography(m))}</p>`).join('')}
${report.summary ? `<p>${esc(typography(report.summary))}</p>` : ''}
${
  links
    ? `<p class="downloads noprint"><a href="${esc(links.pdf)}" download>PDF herunterladen</a><a href="${esc(
        links.docx,
      )}" download>Word-Datei (DOCX) herunterladen</a></p>`
    : ''
}
</header>`;
  return `${head}<body>
${links ? `<nav class="noprint report" aria-label="Portal"><a href="${esc(links.back)}">${esc(links.backText)}</a></nav>` : ''}
<main class="report">
${header}
${toc}
${chapters}
</main></body></html>`;
}
