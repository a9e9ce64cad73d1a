import { createRequire } from 'node:module';
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { RecommendationStatus, SteeringGoal, SteeringOverview } from '@dkbm/contract';
import { targetChartSvg, type PublicTarget } from '@dkbm/web/ssr';
import type { TenantScope } from '../../platform/tenancy/scope';
import { listGoals } from './goals.service';
import { steeringOverview } from './loop.service';
import { toPublicTarget } from './steering.page';
import { MEASURE_STATUS_DE, OUTCOME_DE, PRIORITY_DE, REC_STATUS_DE } from './labels';
import { HttpError } from '../../platform/http/errors';
import { PdfUnavailableError, type pdfRenderer } from '../../platform/pdf';

export const OVERVIEW_MIME = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
export type OverviewFormat = keyof typeof OVERVIEW_MIME;

/*
 * The committee overview („Steuerungsübersicht“) as a document: HTML (printed to PDF by the shared
 * renderer) and DOCX, both from the same data (`overviewDocument`): the adopted Leitbild, the goals with
 * their computed progress and each target's chart with the same values as a table, open recommendations,
 * recent decisions and overdue milestones. Internal view (the committee sees the internal values).
 */

/** Recommendations no longer open: decided against, done or evaluated. */
const CLOSED: ReadonlySet<RecommendationStatus> = new Set(['rejected', 'implemented', 'evaluated']);
/** How many decisions the overview lists. */
export const RECENT_DECISIONS = 10;

export interface OverviewDocument {
  tenantName: string;
  asOf: string;
  missionStatement: SteeringOverview['missionStatements'][number] | null;
  goals: Array<SteeringGoal & { parentTitle: string | null; targets: PublicTarget[] }>;
  openRecommendations: SteeringOverview['recommendations'];
  recentDecisions: SteeringOverview['decisions'];
  recommendationTitles: Map<string, string>;
  overdueMilestones: SteeringOverview['overdueMilestones'];
  measures: SteeringOverview['measures'];
}

/** The data of the committee overview, read once for HTML, PDF and DOCX. */
export async function overviewDocument(s: TenantScope, tenantName: string): Promise<OverviewDocument> {
  const goals = await listGoals(s);
  const o = await steeringOverview(s, goals);
  const titleOf = new Map(goals.map((g) => [g.id, g.title]));
  return {
    tenantName,
    asOf: new Date().toISOString().slice(0, 10),
    missionStatement: o.missionStatements[0] ?? null,
    goals: goals.map((g) => ({
      ...g,
      parentTitle: g.parentId ? (titleOf.get(g.parentId) ?? null) : null,
      targets: g.targets.map((t) => toPublicTarget(t, 'de')),
    })),
    openRecommendations: o.recommendations.filter((r) => !CLOSED.has(r.status)),
    recentDecisions: o.decisions.slice(0, RECENT_DECISIONS),
    recommendationTitles: new Map(o.recommendations.map((r) => [r.id, r.title])),
    overdueMilestones: o.overdueMilestones,
    measures: o.measures,
  };
}

/* ---------- formatting ---------- */

export const deDate = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
};
/** A number in German format with exactly `digits` decimals (withheld or missing: „.“). */
export const deFixed = (v: string | null, digits: number) =>
  v === null
    ? '.'
    : new Intl.NumberFormat('de-DE', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(Number(v));
/** A value of the data in German format with the decimals it has (at most `max`): 38.0 stays „38,0“. */
export const deNumber = (v: string | null, max = 2) =>
  deFixed(v, Math.min((v?.split('.')[1] ?? '').length, max));
/** Decimals of the required path (computed, not data): always two. */
const PATH_DECIMALS = 2;
const withUnit = (v: string | null, unit: string | null) => `${deNumber(v)}${unit ? ` ${unit}` : ''}`;
const targetTitle = (t: PublicTarget) => `${t.indicator} – ${t.area}${t.dims ? ` (${t.dims})` : ''}`;
const chartLabel = (t: PublicTarget) => `Werte, Zielwert und erforderlicher Pfad: ${t.indicator}, ${t.area}`;

/** Rows of a target's table: period, value, required path (the chart's table alternative). */
export function targetRows(t: PublicTarget): string[][] {
  const pathAt = new Map(t.path.map((p) => [p.period, p.value]));
  const valueAt = new Map(t.values.map((v) => [v.period, v.value]));
  const periods = [...new Set([...t.values.map((v) => v.period), ...t.path.map((p) => p.period)])].toSorted();
  return periods.map((p) => [
    deDate(p),
    valueAt.has(p) ? deNumber(valueAt.get(p)!) : '',
    pathAt.has(p) ? deFixed(pathAt.get(p)!, PATH_DECIMALS) : '',
  ]);
}

const goalsTable = (d: OverviewDocument) => ({
  head: ['Ziel', 'Art', 'Verantwortlich', 'Fortschritt', 'Zielwerte'],
  rows: d.goals.map((g) => [
    g.parentTitle ? `${g.title} (Teilziel von „${g.parentTitle}“)` : g.title,
    g.kind === 'strategic' ? 'strategisch' : 'operativ',
    g.owner ?? '–',
    g.progress.label,
    String(g.progress.targets),
  ]),
});
const recommendationsTable = (d: OverviewDocument) => ({
  head: ['Handlungsempfehlung', 'Fachbereich', 'Priorität', 'Status', 'Stellungnahme'],
  rows: d.openRecommendations.map((r) => [
    r.title,
    r.units.map((u) => u.name).join(', ') || '–',
    PRIORITY_DE[r.priority] ?? r.priority,
    REC_STATUS_DE[r.status],
    r.statement ? 'liegt vor' : 'fehlt',
  ]),
});
const decisionsTable = (d: OverviewDocument) => ({
  head: ['Gremium', 'Datum', 'Beschluss-Nr.', 'Ergebnis'],
  rows: d.recentDecisions.map((x) => [
    x.body,
    deDate(x.decidedOn),
    x.number ?? '–',
    x.outcomes
      .map((o) => `${d.recommendationTitles.get(o.recommendationId) ?? '–'}: ${OUTCOME_DE[o.outcome]}`)
      .join('; ') || x.wording.slice(0, 200),
  ]),
});
const milestonesTable = (d: OverviewDocument) => ({
  head: ['Meilenstein', 'Maßnahme', 'fällig am'],
  rows: d.overdueMilestones.map((m) => [m.title, m.measureTitle, deDate(m.dueOn)]),
});
const measuresTable = (d: OverviewDocument) => ({
  head: ['Maßnahme', 'Verantwortlich', 'Zeitraum', 'Status'],
  rows: d.measures.map((m) => [
    m.title,
    m.responsibleUnit?.name ?? '–',
    `${m.startOn ? deDate(m.startOn) : '–'} bis ${m.endOn ? deDate(m.endOn) : '–'}`,
    MEASURE_STATUS_DE[m.status],
  ]),
});

/* ---------- HTML (and PDF) ---------- */

const esc = (t: string) =>
  t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function htmlTable(caption: string, t: { head: string[]; rows: string[][] }, numericFrom = 99): string {
  if (!t.rows.length) return `<p>Keine Einträge: ${esc(caption)}.</p>`;
  const td = (v: string, i: number) => `<td${i >= numericFrom ? ' class="num"' : ''}>${esc(v)}</td>`;
  return `<table><caption>${esc(caption)}</caption><thead><tr>${t.head
    .map((h, i) => `<th scope="col"${i >= numericFrom ? ' class="num"' : ''}>${esc(h)}</th>`)
    .join('')}</tr></thead><tbody>${t.rows
    .map(
      (r) =>
        `<tr><th scope="row">${esc(r[0]!)}</th>${r
          .slice(1)
          .map((v, i) => td(v, i + 1))
          .join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
}

function targetHtml(t: PublicTarget): string {
  const facts = [
    `Fortschritt: ${t.statusLabel}`,
    `Basiswert: ${withUnit(t.baselineValue, t.unit)} (${deDate(t.baselinePeriod)})`,
    `Zielwert: ${withUnit(t.targetValue, t.unit)} (${deDate(t.targetPeriod)})`,
    ...(t.latest ? [`Letzter Wert: ${withUnit(t.latest.value, t.unit)} (${deDate(t.latest.period)})`] : []),
  ];
  return `<section class="target"><h4>${esc(targetTitle(t))}</h4>
<ul>${facts.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>
<figure>${targetChartSvg(t, chartLabel(t))}<figcaption>Linie: Werte · gestrichelt: erforderlicher Pfad · Kreis: Zielwert</figcaption></figure>
${htmlTable(chartLabel(t), { head: ['Zeitraum', 'Wert', 'Erforderlicher Pfad'], rows: targetRows(t) }, 1)}
<p class="meta">Quelle: ${esc(t.source ?? '–')} · Stand: ${deDate(t.updatedAt)}</p></section>`;
}

const CSS = `body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:10pt;color:#1a1a1a;line-height:1.4;margin:0}
h1{font-size:18pt;margin:0 0 4pt}h2{font-size:14pt;margin:16pt 0 6pt;break-after:avoid}
h3{font-size:12pt;margin:12pt 0 4pt;break-after:avoid}h4{font-size:10.5pt;margin:10pt 0 4pt;break-after:avoid}
table{border-collapse:collapse;width:100%;margin:4pt 0 8pt;break-inside:auto}caption{text-align:left;font-weight:bold;padding:2pt 0}
th,td{border:1px solid #888;padding:2pt 4pt;text-align:left;vertical-align:top}thead th{background:#e8eef6}
.num{text-align:right}.meta{color:#444;font-size:9pt}figure{margin:4pt 0;break-inside:avoid}
figcaption{color:#444;font-size:9pt}svg{max-width:100%;height:auto}section.target{break-inside:avoid-page}
blockquote{margin:4pt 0 4pt 12pt;white-space:pre-wrap}`;

/** The committee overview as a self-contained HTML page (no scripts, no external resources). */
export function overviewHtml(d: OverviewDocument): string {
  const ms = d.missionStatement;
  const parts = [
    `<h1>Steuerungsübersicht – ${esc(d.tenantName)}</h1>`,
    `<p class="meta">Stand: ${deDate(d.asOf)}. Der Fortschritt der Zielwerte ist aus den Daten des Bildungsmonitorings berechnet (Verfahren der SDG-Berichterstattung, Open SDG).</p>`,
    `<h2>Leitbild</h2>`,
    ms
      ? `<blockquote>${esc(ms.text)}</blockquote><p class="meta">Fassung ${ms.version}${
          ms.decision
            ? ` – beschlossen: ${esc(ms.decision.body)}, ${deDate(ms.decision.decidedOn)}${
                ms.decision.number ? `, Beschluss-Nr. ${esc(ms.decision.number)}` : ''
              }`
            : ' – noch nicht beschlossen'
        }</p>`
      : '<p>Es gibt noch kein Leitbild.</p>',
    `<h2>Ziele und Fortschritt</h2>`,
    htmlTable('Ziele mit berechnetem Fortschritt', goalsTable(d), 4),
    ...d.goals
      .filter((g) => g.targets.length)
      .map((g) => `<h3>${esc(g.title)}</h3>${g.targets.map(targetHtml).join('\n')}`),
    `<h2>Offene Handlungsempfehlungen</h2>`,
    htmlTable('Offene Handlungsempfehlungen', recommendationsTable(d)),
    `<h2>Letzte Beschlüsse</h2>`,
    htmlTable(`Die letzten ${RECENT_DECISIONS} Beschlüsse`, decisionsTable(d)),
    `<h2>Maßnahmen</h2>`,
    htmlTable('Maßnahmen', measuresTable(d)),
    `<h2>Überfällige Meilensteine</h2>`,
    htmlTable('Überfällige Meilensteine laufender Maßnahmen', milestonesTable(d)),
  ];
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Steuerungsübersicht – ${esc(
    d.tenantName,
  )}</title><style>${CSS}</style></head><body><main>${parts.join('\n')}</main></body></html>`;
}

/* ---------- DOCX ---------- */

const cell = (text: string, opts: { header?: boolean; right?: boolean } = {}) =>
  new TableCell({
    children: [
      new Paragraph({
        alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: !!opts.header })],
      }),
    ],
  });

function docxTable(caption: string, t: { head: string[]; rows: string[][] }, numericFrom = 99) {
  if (!t.rows.length) return [new Paragraph({ text: `Keine Einträge: ${caption}.` })];
  return [
    new Paragraph({ children: [new TextRun({ text: caption, bold: true })] }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({
          tableHeader: true,
          children: t.head.map((h, i) => cell(h, { header: true, right: i >= numericFrom })),
        }),
        ...t.rows.map(
          (r) =>
            new TableRow({
              children: r.map((v, i) => cell(v, { header: i === 0, right: i >= numericFrom })),
            }),
        ),
      ],
    }),
  ];
}

/** resvg is loaded with the first DOCX, not at start-up. */
const requireLazy = createRequire(import.meta.url);
const chartPng = (svg: string) =>
  new (requireLazy('@resvg/resvg-js') as typeof import('@resvg/resvg-js')).Resvg(svg, {
    fitTo: { mode: 'width', value: 840 },
    background: '#ffffff',
    // The chart has no text (its values are in the table next to it): no fonts to load.
    font: { loadSystemFonts: false },
  })
    .render()
    .asPng();

function targetDocx(t: PublicTarget) {
  const label = chartLabel(t);
  return [
    new Paragraph({ text: targetTitle(t), heading: HeadingLevel.HEADING_4 }),
    new Paragraph({ text: `Fortschritt: ${t.statusLabel}` }),
    new Paragraph({
      text: `Basiswert: ${withUnit(t.baselineValue, t.unit)} (${deDate(t.baselinePeriod)}); Zielwert: ${withUnit(
        t.targetValue,
        t.unit,
      )} (${deDate(t.targetPeriod)})${
        t.latest ? `; letzter Wert: ${withUnit(t.latest.value, t.unit)} (${deDate(t.latest.period)})` : ''
      }`,
    }),
    new Paragraph({
      children: [
        new ImageRun({
          type: 'png',
          data: chartPng(targetChartSvg(t, label)),
          transformation: { width: 560, height: 200 },
          altText: {
            name: 'Diagramm',
            title: label,
            description: `${label}; die Werte stehen in der Tabelle.`,
          },
        }),
      ],
    }),
    ...docxTable(label, { head: ['Zeitraum', 'Wert', 'Erforderlicher Pfad'], rows: targetRows(t) }, 1),
    new Paragraph({ text: `Quelle: ${t.source ?? '–'} · Stand: ${deDate(t.updatedAt)}` }),
  ];
}

/** The committee overview as a Word document (headings, tables, charts as images with alt text, page numbers). */
export async function overviewDocx(d: OverviewDocument): Promise<Buffer> {
  const ms = d.missionStatement;
  const children = [
    new Paragraph({ text: `Steuerungsübersicht – ${d.tenantName}`, heading: HeadingLevel.TITLE }),
    new Paragraph({
      text: `Stand: ${deDate(d.asOf)}. Der Fortschritt der Zielwerte ist aus den Daten des Bildungsmonitorings berechnet (Verfahren der SDG-Berichterstattung, Open SDG).`,
    }),
    new Paragraph({ text: 'Leitbild', heading: HeadingLevel.HEADING_1 }),
    ...(ms
      ? [
          ...ms.text.split(/\n+/).map((p) => new Paragraph({ text: p })),
          new Paragraph({
            text: `Fassung ${ms.version}${
              ms.decision
                ? ` – beschlossen: ${ms.decision.body}, ${deDate(ms.decision.decidedOn)}${
                    ms.decision.number ? `, Beschluss-Nr. ${ms.decision.number}` : ''
                  }`
                : ' – noch nicht beschlossen'
            }`,
          }),
        ]
      : [new Paragraph({ text: 'Es gibt noch kein Leitbild.' })]),
    new Paragraph({ text: 'Ziele und Fortschritt', heading: HeadingLevel.HEADING_1 }),
    ...docxTable('Ziele mit berechnetem Fortschritt', goalsTable(d), 4),
    ...d.goals
      .filter((g) => g.targets.length)
      .flatMap((g) => [
        new Paragraph({ text: g.title, heading: HeadingLevel.HEADING_2 }),
        ...g.targets.flatMap(targetDocx),
      ]),
    new Paragraph({ text: 'Offene Handlungsempfehlungen', heading: HeadingLevel.HEADING_1 }),
    ...docxTable('Offene Handlungsempfehlungen', recommendationsTable(d)),
    new Paragraph({ text: 'Letzte Beschlüsse', heading: HeadingLevel.HEADING_1 }),
    ...docxTable(`Die letzten ${RECENT_DECISIONS} Beschlüsse`, decisionsTable(d)),
    new Paragraph({ text: 'Maßnahmen', heading: HeadingLevel.HEADING_1 }),
    ...docxTable('Maßnahmen', measuresTable(d)),
    new Paragraph({ text: 'Überfällige Meilensteine', heading: HeadingLevel.HEADING_1 }),
    ...docxTable('Überfällige Meilensteine laufender Maßnahmen', milestonesTable(d)),
  ];
  const doc = new Document({
    creator: 'DKBM',
    title: `Steuerungsübersicht – ${d.tenantName}`,
    styles: {
      default: { document: { run: { language: { value: 'de-DE' }, font: 'Arial', size: 21 } } },
    },
    sections: [
      {
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: ['Seite ', PageNumber.CURRENT, ' von ', PageNumber.TOTAL_PAGES] }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** The overview in one of the three formats; PDF through the shared renderer (503 without Chromium). */
export async function renderOverview(
  d: OverviewDocument,
  format: OverviewFormat,
  pdf: Pick<ReturnType<typeof pdfRenderer>, 'render'>,
): Promise<Buffer> {
  if (format === 'docx') return overviewDocx(d);
  const html = overviewHtml(d);
  if (format === 'html') return Buffer.from(html);
  try {
    return await pdf.render(html, {
      pageNumbers: true,
      headerText: `${d.tenantName} · Steuerungsübersicht`,
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
