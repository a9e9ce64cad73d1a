import type { TenantScope } from '../../platform/tenancy/scope';
import { createRequire } from 'node:module';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { RATER_GROUP_LABELS, type Consolidation, type InstrumentContent, type Results } from '@dkbm/contract';
import { componentStats, csvDocument } from '@dkbm/domain';
import { consolidation, listParticipants, ratingsOf, results, type RoundRow } from './assessment.service';

/* ---------- CSV ---------- */

const deDateTime = (isoString: string | null) =>
  isoString
    ? new Intl.DateTimeFormat('de-DE', {
        timeZone: 'Europe/Berlin',
        dateStyle: 'medium',
        timeStyle: 'short',
      }).format(new Date(isoString))
    : '';

export const deDate = (date: string | null) => {
  if (!date) return '';
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}.${m}.${y}`;
};

/**
 * All individual ratings as German CSV (UTF-8 with BOM, `;`). Anonymous rounds: pseudonyms
 * („Person 1“ …, in an order unrelated to the invitations), no labels, groups or times, and no rows
 * for components that the workshop view hides (fewer than 3 raters who chose a type).
 */
export async function ratingsCsv(
  s: TenantScope,
  round: RoundRow,
  instrument: InstrumentContent,
): Promise<string> {
  const ratings = (await ratingsOf(s, round.id)).filter(
    (r) => r.level !== null || r.cannotAssess || r.comment || r.evidenceUrl || r.evidenceFile,
  );
  const components = instrument.components;
  const header = round.anonymous
    ? ['Person', 'Komponente', 'Typ', 'Kann ich nicht einschätzen', 'Kommentar', 'Nachweis']
    : [
        'Person',
        'Gruppe',
        'Komponente',
        'Typ',
        'Kann ich nicht einschätzen',
        'Kommentar',
        'Nachweis',
        'Zuletzt gespeichert',
      ];
  const hidden = new Set(
    round.anonymous
      ? components
          .filter(
            (c) =>
              componentStats(
                c.key,
                ratings.filter((r) => r.componentKey === c.key),
                true,
              ).hidden,
          )
          .map((c) => c.key)
      : [],
  );
  const pseudonym = new Map<string, string>();
  if (round.anonymous) {
    const ids = [...new Set(ratings.map((r) => r.participantId))].toSorted();
    ids.forEach((id, i) => pseudonym.set(id, `Person ${i + 1}`));
  }
  const order = (k: string) => components.findIndex((c) => c.key === k);
  // Named rounds: in the order of invitation; anonymous rounds: by pseudonym.
  const invited = [...new Set(ratings.map((r) => r.participantId))];
  const rank = (id: string) =>
    round.anonymous ? Number(pseudonym.get(id)!.slice('Person '.length)) : invited.indexOf(id);
  const lines = [header];
  const sorted = ratings
    .filter((r) => order(r.componentKey) >= 0 && !hidden.has(r.componentKey))
    .toSorted(
      (a, b) =>
        rank(a.participantId) - rank(b.participantId) || order(a.componentKey) - order(b.componentKey),
    );
  for (const r of sorted) {
    const name = components[order(r.componentKey)]!.name;
    const evidence = [r.evidenceUrl, r.evidenceFile ? `Datei: ${r.evidenceFile.name}` : null]
      .filter(Boolean)
      .join(' | ');
    const common = [
      name,
      r.level === null ? '' : String(r.level),
      r.cannotAssess ? 'ja' : 'nein',
      r.comment ?? '',
      evidence,
    ];
    // No times in anonymous rounds: they could be matched with the invitation list.
    lines.push(
      round.anonymous
        ? [pseudonym.get(r.participantId)!, ...common]
        : [r.label, RATER_GROUP_LABELS[r.group].de, ...common, deDateTime(r.updatedAt)],
    );
  }
  // Cells that a spreadsheet would run as formulas are neutralised (the platform's one CSV helper).
  return csvDocument(lines);
}

/* ---------- data of a report ---------- */

export interface ReportData {
  tenantName: string;
  round: Results['round'];
  instrument: InstrumentContent;
  results: Results;
  consolidation: Consolidation['components'];
  participation: Array<{ group: string; invited: number; submitted: number }>;
  generatedAt: string;
}

export async function reportData(s: TenantScope, tenantName: string, roundId: string): Promise<ReportData> {
  const res = await results(s, roundId);
  const cons = await consolidation(s, roundId);
  const participants = (await listParticipants(s, roundId)).filter((p) => !p.revokedAt);
  const groups = (['bildungsbuero', 'verwaltung', 'extern'] as const).map((g) => ({
    group: RATER_GROUP_LABELS[g].de,
    invited: participants.filter((p) => p.group === g).length,
    submitted: participants.filter((p) => p.group === g && p.submittedAt).length,
  }));
  return {
    tenantName,
    round: res.round,
    instrument: res.instrument,
    results: res,
    consolidation: cons.components,
    participation: groups.filter((g) => g.invited > 0),
    generatedAt: new Date().toISOString(),
  };
}

/* ---------- radar chart ---------- */

const RANGE_NAME = 'Spannweite der Einzeleinschätzungen';
export const CHART_COLORS = { agreed: '#0b5394', range: '#5f6b7a', earlier: '#b45309' };

/** ECharts (about 0.6 s and 40 MB) and resvg are loaded with the first export, not at start-up. */
const requireLazy = createRequire(import.meta.url);
const echartsLib = () => requireLazy('echarts') as typeof import('echarts');
const resvgLib = () => requireLazy('@resvg/resvg-js') as typeof import('@resvg/resvg-js');

/** The profile as a radar chart (ECharts, server-side SVG): agreed type filled, range, earlier round dashed. */
export function radarSvg(data: ReportData, size = { width: 640, height: 500 }): string {
  const { profile, earlier } = data.results;
  const chart = echartsLib().init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  });
  const series: Array<Record<string, unknown>> = [
    {
      name: 'Vereinbarter Typ',
      value: profile.map((p) => p.agreed ?? 0),
      itemStyle: { color: CHART_COLORS.agreed },
      lineStyle: { color: CHART_COLORS.agreed, width: 3 },
      areaStyle: { color: CHART_COLORS.agreed, opacity: 0.28 },
      symbolSize: 7,
    },
  ];
  if (profile.some((p) => p.min !== null)) {
    series.push(
      {
        name: RANGE_NAME,
        value: profile.map((p) => p.min ?? 0),
        itemStyle: { color: CHART_COLORS.range },
        lineStyle: { color: CHART_COLORS.range, width: 1.5, type: 'dotted' },
        symbol: 'triangle',
        symbolSize: 6,
      },
      {
        name: RANGE_NAME,
        value: profile.map((p) => p.max ?? 0),
        itemStyle: { color: CHART_COLORS.range },
        lineStyle: { color: CHART_COLORS.range, width: 1.5, type: 'dotted' },
        symbol: 'rect',
        symbolSize: 6,
      },
    );
  }
  const prev = earlier[0];
  if (prev) {
    series.push({
      name: `${prev.title} (vereinbart)`,
      value: prev.profile.map((p) => p.agreed ?? 0),
      itemStyle: { color: CHART_COLORS.earlier },
      lineStyle: { color: CHART_COLORS.earlier, width: 2, type: 'dashed' },
      symbol: 'diamond',
      symbolSize: 7,
    });
  }
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'DejaVu Sans, Liberation Sans, Arial, sans-serif' },
    legend: { bottom: 0, left: 'center', itemGap: 24, textStyle: { color: '#1b1f24', fontSize: 12 } },
    radar: {
      indicator: profile.map((p) => ({ name: p.name, min: 0, max: 4 })),
      splitNumber: 4,
      radius: '62%',
      center: ['50%', '47%'],
      axisName: { color: '#1b1f24', fontSize: 13 },
      splitLine: { lineStyle: { color: '#b8c2cc' } },
      splitArea: { areaStyle: { color: ['#ffffff', '#f3f5f8'] } },
      axisLine: { lineStyle: { color: '#b8c2cc' } },
    },
    series: [{ type: 'radar', data: series }],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

export function radarPng(data: ReportData): Buffer {
  const svg = radarSvg(data);
  const { Resvg } = resvgLib();
  return new Resvg(svg, {
    fitTo: { mode: 'width', value: 1280 },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng();
}

/** Text alternative of the chart (for the figure and the DOCX image). */
export function radarAlt(data: ReportData): string {
  const parts = data.results.profile.map(
    (p) => `${p.name}: ${p.agreed ? `Typ ${p.agreed}` : 'nicht vereinbart'}`,
  );
  return `Netzdiagramm des vereinbarten Profils (Typ 1 innen bis Typ 4 außen). ${parts.join('; ')}.`;
}

/* ---------- HTML for the PDF ---------- */

export const esc = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const STATUS_LABELS: Record<string, string> = { draft: 'Entwurf', open: 'geöffnet', closed: 'abgeschlossen' };
const GOAL_STATUS: Record<string, string> = { open: 'offen', in_progress: 'in Arbeit', done: 'erledigt' };

const PRINT_CSS = `
@page{size:A4;margin:16mm 16mm 18mm}
*{box-sizing:border-box}
html{font-family:"DejaVu Sans","Liberation Sans",Arial,sans-serif;font-size:10pt;line-height:1.4;color:#1b1f24}
body{margin:0}
header.doc{border-bottom:3px solid #0b5394;padding-bottom:4mm;margin-bottom:4mm}
header.doc p{margin:0;color:#4a5360}
h1{font-size:18pt;margin:1mm 0 1mm;line-height:1.2}
h2{font-size:13pt;margin:6mm 0 2mm;break-after:avoid}
h3{font-size:11pt;margin:4mm 0 1mm;break-after:avoid}
figure{margin:0 0 3mm;text-align:center}
figure svg{width:150mm;height:auto}
figcaption{font-size:8.5pt;color:#4a5360;text-align:left}
table{border-collapse:collapse;width:100%;margin:2mm 0 3mm;font-size:9pt}
table.fixed{table-layout:fixed}
td,th{overflow-wrap:break-word}
table.goals{font-size:8pt}
table.goals th,table.goals td{padding:1mm 1.2mm}
caption{text-align:left;font-weight:700;padding:0 0 1mm}
th,td{border:1px solid #b8c2cc;padding:1.2mm 2mm;text-align:left;vertical-align:top}
thead th{background:#e8eef5}
td.num,th.num{text-align:center}
.muted{color:#4a5360}
.source{font-size:8.5pt;color:#4a5360;margin-top:3mm}
section.component{break-inside:avoid}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
section.block{break-inside:avoid}
dl{margin:0}dt{font-weight:700}dd{margin:0 0 2mm}
`;

function profileTable(data: ReportData): string {
  const prev = data.results.earlier[0];
  const range = (min: number | null, max: number | null) =>
    min === null || max === null ? '–' : min === max ? `${min}` : `${min}–${max}`;
  return `<table>
<caption>Vereinbartes Profil${prev ? ` im Vergleich mit „${esc(prev.title)}“` : ''}</caption>
<thead><tr><th scope="col">Kernkomponente</th><th scope="col" class="num">Vereinbarter Typ</th><th scope="col" class="num">Spannweite der Einzeleinschätzungen</th>${
    prev ? `<th scope="col" class="num">${esc(prev.title)}</th>` : ''
  }</tr></thead>
<tbody>${data.results.profile
    .map((p, i) => {
      const before = prev?.profile[i]?.agreed ?? null;
      return `<tr><th scope="row">${esc(p.name)}</th><td class="num">${p.agreed ?? '–'}</td><td class="num">${range(p.min, p.max)}</td>${
        prev ? `<td class="num">${before ?? '–'}</td>` : ''
      }</tr>`;
    })
    .join('')}</tbody></table>`;
}

function frameworkTable(data: ReportData): string {
  const fw = data.results.framework;
  const rows = data.instrument.frameworkConditions
    .map((f) => {
      const v = fw[f.key];
      const value = v?.value
        ? f.kind === 'number' && /^-?\d+(\.\d+)?$/.test(v.value)
          ? `${new Intl.NumberFormat('de-DE').format(Number(v.value))}${f.unit ? ` ${f.unit}` : ''}`
          : v.value
        : '–';
      const source =
        v?.source === 'indicator'
          ? `Bildungsmonitoring: ${v.indicatorName ?? 'Indikator'}${v.period ? `, Stand ${deDate(v.period)}` : ''}`
          : v?.value
            ? 'manuell erfasst'
            : '';
      return `<tr><th scope="row">${esc(f.name)}</th><td>${esc(value)}</td><td>${esc(source)}${v?.note ? `<br>${esc(v.note)}` : ''}</td></tr>`;
    })
    .join('');
  return `<table class="fixed"><caption class="sr">Rahmenbedingungen</caption><colgroup><col style="width:30%"><col style="width:30%"><col style="width:40%"></colgroup><thead><tr><th scope="col">Rahmenbedingung</th><th scope="col">Wert</th><th scope="col">Quelle, Anmerkung</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function goalsTable(data: ReportData): string {
  const goals = data.results.goals;
  if (!goals.length) return '<p>Es sind noch keine Entwicklungsziele vereinbart.</p>';
  const name = (k: string) => data.instrument.components.find((c) => c.key === k)?.name ?? k;
  return `<table class="fixed goals"><caption class="sr">Entwicklungsziele</caption><colgroup><col style="width:19%"><col style="width:27%"><col style="width:19%"><col style="width:13%"><col style="width:12%"><col style="width:10%"></colgroup><thead><tr><th scope="col">Komponente</th><th scope="col">Ziel (nächster Typ)</th><th scope="col">Vorhaben</th><th scope="col">Zuständig</th><th scope="col">Termin</th><th scope="col">Stand</th></tr></thead><tbody>${goals
    .map(
      (g) =>
        `<tr><th scope="row">${esc(name(g.componentKey))}</th><td>Typ ${g.fromLevel} → Typ ${g.targetLevel}: ${esc(g.targetText)}</td><td>${esc(g.plan ?? '–')}</td><td>${esc(g.owner ?? '–')}</td><td>${esc(deDate(g.dueOn) || '–')}</td><td>${esc(GOAL_STATUS[g.status] ?? g.status)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function componentSections(data: ReportData): string {
  return data.instrument.components
    .map((c) => {
      const cons = data.consolidation.find((x) => x.key === c.key);
      const stats = cons?.stats;
      const agreed = cons?.agreed;
      const dist = stats?.distribution
        ? stats.distribution.map((n, i) => `Typ ${i + 1}: ${n}`).join(', ')
        : stats?.hidden
          ? 'ausgeblendet (weniger als 3 Einschätzungen in einer anonymen Runde)'
          : '–';
      return `<section class="component" aria-labelledby="k-${esc(c.key)}">
<h3 id="k-${esc(c.key)}">${esc(c.name)}</h3>
<p class="muted"><em>${esc(c.question)}</em></p>
<dl>
<dt>Vereinbarter Typ</dt><dd>${agreed ? `Typ ${agreed.level}: ${esc(c.types[agreed.level - 1] ?? '')}` : 'noch nicht vereinbart'}</dd>
${agreed ? `<dt>Begründung</dt><dd>${esc(agreed.rationale)}</dd>` : ''}
<dt>Einzeleinschätzungen</dt><dd>${stats ? `${stats.n} mit Typ, ${stats.cannotAssess} „kann ich nicht einschätzen“; Verteilung: ${esc(dist)}` : '–'}</dd>
</dl>
</section>`;
    })
    .join('\n');
}

/** Server-rendered HTML of the one-page profile or the detailed report, printed to PDF by Chromium. */
export function reportHtml(data: ReportData, kind: 'profile' | 'report'): string {
  const r = data.round;
  const title = `${r.title} – ${kind === 'profile' ? 'Profil' : 'Bericht'} – ${data.tenantName}`;
  const head = `<header class="doc"><p>${esc(data.tenantName)} · DKBM-Selbsteinschätzung</p>
<h1>${esc(r.title)}${kind === 'profile' ? ': Profil' : ''}</h1>
<p>Zeitraum ${esc(deDate(r.startsOn))} bis ${esc(deDate(r.endsOn))} · Status: ${esc(STATUS_LABELS[r.status] ?? r.status)}${
    r.anonymous ? ' · anonyme Runde' : ''
  } · ${r.participants} Beteiligte, ${r.submitted} abgeschlossen</p></header>`;
  const figure = `<figure role="group" aria-labelledby="abb-profil">
<div role="img" aria-label="${esc(radarAlt(data))}">${radarSvg(data)}</div>
<figcaption id="abb-profil">Abbildung: Vereinbartes Profil (Fläche)${
    data.results.profile.some((p) => p.min !== null)
      ? ', Spannweite der Einzeleinschätzungen (gepunktet)'
      : ''
  }${data.results.earlier[0] ? `, frühere Runde „${esc(data.results.earlier[0].title)}“ (gestrichelt)` : ''}. Typ 1 liegt innen, Typ 4 außen.</figcaption></figure>`;
  const source = `<p class="source">Instrument: ${esc(data.instrument.title)}, Version ${r.instrumentVersion}. Quelle: ${esc(
    data.instrument.source,
  )}. Erstellt am ${esc(deDateTime(data.generatedAt))}.</p>`;
  const body =
    kind === 'profile'
      ? `${head}<main>${figure}${profileTable(data)}${source}</main>`
      : `${head}<main>
<h2>Profil</h2>${figure}${profileTable(data)}
${r.purpose ? `<h2>Anlass und Ziel der Runde</h2><p>${esc(r.purpose)}</p>` : ''}
<h2>Kernkomponenten im Einzelnen</h2>
${componentSections(data)}
<h2>Entwicklungsziele</h2>${goalsTable(data)}
<section class="block"><h2>Rahmenbedingungen</h2>${frameworkTable(data)}</section>
<section class="block"><h2>Beteiligung</h2>
${
  data.participation.length
    ? `<table><caption class="sr">Beteiligte nach Gruppe</caption><thead><tr><th scope="col">Gruppe</th><th scope="col" class="num">Eingeladen</th><th scope="col" class="num">Abgeschlossen</th></tr></thead><tbody>${data.participation
        .map(
          (p) =>
            `<tr><th scope="row">${esc(p.group)}</th><td class="num">${p.invited}</td><td class="num">${p.submitted}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p>Keine Beteiligten.</p>'
}</section>
<h2>Instrument</h2>
<p>${esc(data.instrument.title)}, Version ${r.instrumentVersion}.${data.instrument.description ? ` ${esc(data.instrument.description)}` : ''}</p>
${source}
</main>`;
  return `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="author" content="${esc(data.tenantName)}"><meta name="description" content="DKBM-Selbsteinschätzung ${esc(r.title)}">
<style>${PRINT_CSS}</style></head><body>${body}</body></html>`;
}

/* ---------- DOCX ---------- */

const cell = (text: string, opts: { header?: boolean; center?: boolean } = {}) =>
  new TableCell({
    children: [
      new Paragraph({
        alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: !!opts.header })],
      }),
    ],
  });

function docxTable(header: string[], body: string[][], centerFrom = 99): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: header.map((h, i) => cell(h, { header: true, center: i >= centerFrom })),
      }),
      ...body.map(
        (r) =>
          new TableRow({ children: r.map((v, i) => cell(v, { header: i === 0, center: i >= centerFrom })) }),
      ),
    ],
  });
}

/** The report as an editable Word document: headings, profile table, radar as PNG, goals, framework, source. */
export async function reportDocx(data: ReportData): Promise<Buffer> {
  const r = data.round;
  const prev = data.results.earlier[0];
  const range = (min: number | null, max: number | null) =>
    min === null || max === null ? '–' : min === max ? `${min}` : `${min}–${max}`;
  const name = (k: string) => data.instrument.components.find((c) => c.key === k)?.name ?? k;
  const fw = data.results.framework;
  const children: Array<Paragraph | Table> = [
    new Paragraph({ text: `${data.tenantName} · DKBM-Selbsteinschätzung` }),
    new Paragraph({ text: r.title, heading: HeadingLevel.TITLE }),
    new Paragraph({
      text: `Zeitraum ${deDate(r.startsOn)} bis ${deDate(r.endsOn)} · Status: ${STATUS_LABELS[r.status] ?? r.status}${
        r.anonymous ? ' · anonyme Runde' : ''
      } · ${r.participants} Beteiligte, ${r.submitted} abgeschlossen`,
    }),
    new Paragraph({ text: 'Profil', heading: HeadingLevel.HEADING_1 }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new ImageRun({
          type: 'png',
          data: radarPng(data),
          transformation: { width: 560, height: 437 },
          altText: { name: 'Profil', title: 'Vereinbartes Profil', description: radarAlt(data) },
        }),
      ],
    }),
    new Paragraph({
      text: `Abbildung: Vereinbartes Profil (Fläche)${
        data.results.profile.some((p) => p.min !== null)
          ? ', Spannweite der Einzeleinschätzungen (gepunktet)'
          : ''
      }${prev ? `, frühere Runde „${prev.title}“ (gestrichelt)` : ''}. Typ 1 liegt innen, Typ 4 außen.`,
    }),
    docxTable(
      [
        'Kernkomponente',
        'Vereinbarter Typ',
        'Spannweite der Einzeleinschätzungen',
        ...(prev ? [prev.title] : []),
      ],
      data.results.profile.map((p, i) => [
        p.name,
        p.agreed === null ? '–' : String(p.agreed),
        range(p.min, p.max),
        ...(prev ? [String(prev.profile[i]?.agreed ?? '–')] : []),
      ]),
      1,
    ),
  ];
  if (r.purpose) {
    children.push(
      new Paragraph({ text: 'Anlass und Ziel der Runde', heading: HeadingLevel.HEADING_1 }),
      new Paragraph({ text: r.purpose }),
    );
  }
  children.push(new Paragraph({ text: 'Kernkomponenten im Einzelnen', heading: HeadingLevel.HEADING_1 }));
  for (const c of data.instrument.components) {
    const cons = data.consolidation.find((x) => x.key === c.key);
    children.push(
      new Paragraph({ text: c.name, heading: HeadingLevel.HEADING_2 }),
      new Paragraph({ children: [new TextRun({ text: c.question, italics: true })] }),
      new Paragraph({
        text: cons?.agreed
          ? `Vereinbarter Typ ${cons.agreed.level}: ${c.types[cons.agreed.level - 1] ?? ''}`
          : 'Vereinbarter Typ: noch nicht vereinbart',
      }),
    );
    if (cons?.agreed) children.push(new Paragraph({ text: `Begründung: ${cons.agreed.rationale}` }));
    if (cons) {
      const s = cons.stats;
      children.push(
        new Paragraph({
          text: `Einzeleinschätzungen: ${s.n} mit Typ, ${s.cannotAssess} „kann ich nicht einschätzen“; Verteilung: ${
            s.distribution
              ? s.distribution.map((n, i) => `Typ ${i + 1}: ${n}`).join(', ')
              : s.hidden
                ? 'ausgeblendet (weniger als 3 Einschätzungen in einer anonymen Runde)'
                : '–'
          }`,
        }),
      );
    }
  }
  children.push(new Paragraph({ text: 'Entwicklungsziele', heading: HeadingLevel.HEADING_1 }));
  children.push(
    data.results.goals.length
      ? docxTable(
          ['Kernkomponente', 'Ziel (nächster Typ)', 'Vorhaben', 'Verantwortlich', 'Termin', 'Stand'],
          data.results.goals.map((g) => [
            name(g.componentKey),
            `Typ ${g.fromLevel} → Typ ${g.targetLevel}: ${g.targetText}`,
            g.plan ?? '–',
            g.owner ?? '–',
            deDate(g.dueOn) || '–',
            GOAL_STATUS[g.status] ?? g.status,
          ]),
        )
      : new Paragraph({ text: 'Es sind noch keine Entwicklungsziele vereinbart.' }),
  );
  children.push(
    new Paragraph({ text: 'Rahmenbedingungen', heading: HeadingLevel.HEADING_1 }),
    docxTable(
      ['Rahmenbedingung', 'Wert', 'Quelle, Anmerkung'],
      data.instrument.frameworkConditions.map((f) => {
        const v = fw[f.key];
        const value = v?.value
          ? f.kind === 'number' && /^-?\d+(\.\d+)?$/.test(v.value)
            ? `${new Intl.NumberFormat('de-DE').format(Number(v.value))}${f.unit ? ` ${f.unit}` : ''}`
            : v.value
          : '–';
        const source =
          v?.source === 'indicator'
            ? `Bildungsmonitoring: ${v.indicatorName ?? 'Indikator'}${v.period ? `, Stand ${deDate(v.period)}` : ''}`
            : v?.value
              ? 'manuell erfasst'
              : '';
        return [f.name, value, [source, v?.note ?? ''].filter(Boolean).join(' – ')];
      }),
    ),
    new Paragraph({ text: 'Beteiligung', heading: HeadingLevel.HEADING_1 }),
    data.participation.length
      ? docxTable(
          ['Gruppe', 'Eingeladen', 'Abgeschlossen'],
          data.participation.map((p) => [p.group, String(p.invited), String(p.submitted)]),
          1,
        )
      : new Paragraph({ text: 'Keine Beteiligten.' }),
    new Paragraph({ text: 'Instrument und Quelle', heading: HeadingLevel.HEADING_1 }),
    new Paragraph({
      text: `${data.instrument.title}, Version ${r.instrumentVersion}.${
        data.instrument.description ? ` ${data.instrument.description}` : ''
      }`,
    }),
    new Paragraph({ text: `Quelle: ${data.instrument.source}` }),
    new Paragraph({ text: `Erstellt am ${deDateTime(data.generatedAt)}.` }),
  );
  const doc = new Document({
    title: `${r.title} – Bericht – ${data.tenantName}`,
    creator: data.tenantName,
    description: 'DKBM-Selbsteinschätzung',
    styles: {
      default: {
        document: { run: { language: { value: 'de-DE' }, font: 'Arial', size: 21 } },
      },
    },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
