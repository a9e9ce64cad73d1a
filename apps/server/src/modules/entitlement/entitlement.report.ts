/**
 * The planning report for the Jugendhilfe- and Schulausschuss: an HTML document (printed to PDF by the
 * shared Chromium renderer) with the assumptions of every scenario, the city totals with a bar chart and
 * the table per planning unit for the first school year, the first year of the full entitlement and the
 * last year planned.
 */
import { createRequire } from 'node:module';
import type { EntitlementPlanDto, EntitlementPlanRow } from '@dkbm/contract';
import { schoolYearLabelOf } from '@dkbm/contract';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

const requireLazy = createRequire(import.meta.url);
const echartsLib = () => requireLazy('echarts') as typeof import('echarts');

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const nf0 = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 });
const nf1 = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const int = (v: string | null) => (v === null ? '–' : nf0.format(Number(v)));
const pct = (ratio: string | null) => (ratio === null ? '–' : `${nf1.format(Number(ratio) * 100)} %`);
const share = (v: string | null) => (v === null ? 'nicht geplant' : `${nf1.format(Number(v) * 100)} %`);

const SCOPES: Record<EntitlementPlanRow['scope'], string> = {
  ganztag: 'Ganztag Grundschule',
  kita: 'Kita gesamt',
  kita_u3: 'Kita unter 3',
  kita_ue3: 'Kita ab 3',
};
const STATUS: Record<EntitlementPlanRow['status'], string> = {
  shortfall: 'Lücke',
  tight: 'knapp',
  covered: 'gedeckt',
};

function barsSvg(rows: EntitlementPlanRow[]): string {
  const chart = echartsLib().init(null, null, { renderer: 'svg', ssr: true, width: 640, height: 260 });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'DejaVu Sans, Liberation Sans, Arial, sans-serif' },
    legend: { top: 0, left: 0 },
    grid: { left: 56, right: 8, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: rows.map((r) => schoolYearLabelOf(r.schoolYear)) },
    yAxis: { type: 'value' },
    series: [
      {
        name: 'Bedarf',
        type: 'bar',
        data: rows.map((r) => Number(r.demand)),
        itemStyle: { color: '#4a6fa5' },
      },
      {
        name: 'Plätze',
        type: 'bar',
        data: rows.map((r) => Number(r.places)),
        itemStyle: { color: '#6b8e3d' },
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

function table(caption: string, head: string[], body: string[][]): string {
  return `<table><caption>${esc(caption)}</caption><thead><tr>${head
    .map((h) => `<th scope="col">${esc(h)}</th>`)
    .join('')}</tr></thead><tbody>${body
    .map(
      (r) =>
        `<tr><th scope="row">${esc(r[0]!)}</th>${r
          .slice(1)
          .map((c) => `<td>${esc(c)}</td>`)
          .join('')}</tr>`,
    )
    .join('')}</tbody></table>`;
}

type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'chart'; totals: EntitlementPlanRow[] }
  | { kind: 'table'; caption: string; head: string[]; rows: string[][] };

const INTRO = [
  'Ganztag in der Grundschule nach dem Ganztagsförderungsgesetz (§ 24 Abs. 4 SGB VIII: ab 2026/27 Klasse 1, jedes Jahr eine Klassenstufe mehr, ab 2029/30 Klassen 1–4) und Kita-Plätze (§ 24 Abs. 2 und 3 SGB VIII).',
  'Bedarf = anspruchsberechtigte Kinder × Anteil der Eltern, die einen Platz wollen (in den Einführungsjahren zuzüglich der Kinder noch nicht berechtigter Klassen, die die Plätze schon nutzen); Lücke = Bedarf − Plätze; Versorgungsquote = Plätze / Bedarf; „knapp“ heißt weniger als 5 % Reserve.',
];
const population = (plan: EntitlementPlanDto) =>
  plan.referenceDate
    ? `Bevölkerung nach Altersjahren am ${plan.referenceDate.split('-').toReversed().join('.')}, nach Geburtsjahrgängen fortgeschrieben.`
    : 'Keine Bevölkerungsdaten.';

/** The report's content once, for HTML (PDF) and DOCX. */
function planReportBlocks(plan: EntitlementPlanDto): Block[] {
  const unit = new Map(plan.planningUnits.map((u) => [u.id, u.name]));
  const years = [
    ...new Set([plan.schoolYears[0], plan.schoolYears.find((y) => y >= 2029), plan.schoolYears.at(-1)]),
  ].filter((y): y is number => y !== undefined);
  const blocks: Block[] = [
    { kind: 'heading', text: 'Szenarien und Annahmen' },
    {
      kind: 'table',
      caption: 'Annahmen der Szenarien',
      head: ['Szenario', 'Anteil Ganztag', 'Quote U3', 'Quote Ü3', 'Rückstellung', 'Annahmen'],
      rows: plan.scenarios.map((s) => [
        s.name,
        share(s.ganztagShare),
        share(s.kitaU3Rate),
        share(s.kitaUe3Rate),
        share(s.deferralShare),
        s.description ?? '',
      ]),
    },
  ];
  const figures = (r: EntitlementPlanRow) => [
    int(r.entitledChildren),
    int(r.demand),
    int(r.places),
    int(r.gap),
    pct(r.ratio),
    STATUS[r.status],
  ];
  const cols = ['Anspruchsberechtigte', 'Bedarf', 'Plätze', 'Lücke', 'Versorgungsquote', 'Status'];
  for (const s of plan.scenarios) {
    for (const scope of ['ganztag', 'kita'] as const) {
      const totals = plan.totals
        .filter((r) => r.scenarioId === s.id && r.scope === scope)
        .toSorted((a, b) => a.schoolYear - b.schoolYear);
      if (totals.length === 0) continue;
      blocks.push({ kind: 'heading', text: `${SCOPES[scope]} – Szenario „${s.name}“` });
      blocks.push({ kind: 'chart', totals });
      blocks.push({
        kind: 'table',
        caption: `Stadt insgesamt, ${SCOPES[scope]}, Szenario „${s.name}“`,
        head: ['Schuljahr', ...cols],
        rows: totals.map((r) => [schoolYearLabelOf(r.schoolYear), ...figures(r)]),
      });
      for (const y of years) {
        const rows = plan.rows
          .filter((r) => r.scenarioId === s.id && r.scope === scope && r.schoolYear === y)
          .toSorted((a, b) => Number(b.gap) - Number(a.gap));
        if (rows.length === 0) continue;
        blocks.push({
          kind: 'table',
          caption: `${SCOPES[scope]} je Planungseinheit, Schuljahr ${schoolYearLabelOf(y)}, Szenario „${s.name}“`,
          head: ['Planungseinheit', ...cols],
          rows: rows.map((r) => [unit.get(r.planningUnitId!) ?? '', ...figures(r)]),
        });
      }
    }
  }
  return blocks;
}

export function planReportHtml(plan: EntitlementPlanDto, tenantName: string, today: string): string {
  const parts: string[] = [];
  parts.push(`<h1>Rechtsanspruch &amp; Plätze – ${esc(tenantName)}</h1>
<p>Planungsbericht für den Jugendhilfe- und den Schulausschuss, Stand ${esc(today)}.
${INTRO.map(esc).join('\n')}
${esc(population(plan))}</p>`);
  let open = false;
  for (const b of planReportBlocks(plan)) {
    if (b.kind === 'heading') {
      if (open) parts.push('</section>');
      parts.push(`<section><h2>${esc(b.text)}</h2>`);
      open = true;
    } else if (b.kind === 'chart') {
      parts.push(
        `<figure><div role="img" aria-label="Säulendiagramm Bedarf und Plätze, Stadt insgesamt je Schuljahr">${barsSvg(b.totals)}</div></figure>`,
      );
    } else parts.push(table(b.caption, b.head, b.rows));
  }
  if (open) parts.push('</section>');
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Rechtsanspruch &amp; Plätze – ${esc(tenantName)}</title>
<style>
body{font-family:'DejaVu Sans','Liberation Sans',Arial,sans-serif;font-size:9.5pt;color:#1b1f24;line-height:1.4}
h1{font-size:17pt}h2{font-size:12.5pt;margin-top:1.4em;break-after:avoid}
table{border-collapse:collapse;width:100%;margin:.6em 0 1em;break-inside:auto}
caption{text-align:left;font-weight:bold;margin-bottom:.3em}
th,td{border-bottom:1px solid #c5ccd3;padding:2px 5px;text-align:right;vertical-align:top}
th[scope=row],td:last-child,thead th:first-child{text-align:left}
th[scope=row]{white-space:nowrap}
thead th{border-bottom:2px solid #1b1f24}
tr{break-inside:avoid}
figure{margin:0}
</style></head><body>${parts.join('\n')}</body></html>`;
}

/* ---------- DOCX ---------- */

const docxCell = (text: string, opts: { header?: boolean; right?: boolean } = {}) =>
  new TableCell({
    children: [
      new Paragraph({
        alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: !!opts.header })],
      }),
    ],
  });

/**
 * The same report as DOCX for the committee papers (Word): headings, the tables with a repeated header
 * row; the bar charts are left out (their numbers are the totals table right below the heading).
 */
export async function planReportDocx(
  plan: EntitlementPlanDto,
  tenantName: string,
  today: string,
): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, text: `Rechtsanspruch & Plätze – ${tenantName}` }),
    new Paragraph({ text: `Planungsbericht für den Jugendhilfe- und den Schulausschuss, Stand ${today}.` }),
    ...INTRO.map((t) => new Paragraph({ text: t })),
    new Paragraph({ text: population(plan) }),
  ];
  for (const b of planReportBlocks(plan)) {
    if (b.kind === 'heading') children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, text: b.text }));
    if (b.kind !== 'table') continue;
    children.push(new Paragraph({ children: [new TextRun({ text: b.caption, bold: true })] }));
    children.push(
      new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({
            tableHeader: true,
            children: b.head.map((h, i) => docxCell(h, { header: true, right: i > 0 && i < 6 })),
          }),
          ...b.rows.map(
            (r) =>
              new TableRow({
                children: r.map((v, i) => docxCell(v, { header: i === 0, right: i > 0 && i < 6 })),
              }),
          ),
        ],
      }),
    );
  }
  const doc = new Document({
    creator: 'DKBM',
    title: `Rechtsanspruch & Plätze – ${tenantName}`,
    styles: { default: { document: { run: { font: 'Arial', size: 20 } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
