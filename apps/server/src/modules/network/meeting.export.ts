import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type {
  AgendaGoal,
  AgendaRecommendation,
  LiveData,
  MeetingDetail,
  RecommendationStatus,
} from '@dkbm/contract';
import { RECOMMENDATION_STATUS_LABELS } from '@dkbm/contract';
import { HttpError } from '../../platform/http/errors';
import { PdfUnavailableError, type pdfRenderer } from '../../platform/pdf';

/*
 * Invitation (Einladung) and minutes (Protokoll) of a meeting as documents: one list of blocks
 * (headings, paragraphs, tables) built from the meeting, rendered to HTML (printed to PDF by the shared
 * renderer, platform/pdf.ts) and to DOCX (the `docx` library, as the steering overview and the reports
 * do). Embedded live data appear as tables with their date; in approved minutes they are the frozen values.
 */

export type MeetingPaper = 'invitation' | 'minutes';
export const PAPER_MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
export type PaperFormat = keyof typeof PAPER_MIME;

type Block =
  | { kind: 'h'; level: 1 | 2 | 3; text: string }
  | { kind: 'p'; text: string; meta?: boolean }
  | { kind: 'table'; caption: string; head: string[]; rows: string[][]; numericFrom: number };

const OUTCOME_DE = { adopted: 'angenommen', rejected: 'abgelehnt', deferred: 'vertagt' } as const;
const TZ = { timeZone: 'Europe/Berlin' } as const;
const deDay = (iso: string) =>
  new Intl.DateTimeFormat('de-DE', { ...TZ, dateStyle: 'full' }).format(new Date(iso));
const deTime = (iso: string) =>
  new Intl.DateTimeFormat('de-DE', { ...TZ, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
const deDate = (iso: string) =>
  new Intl.DateTimeFormat('de-DE', { ...TZ, day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    new Date(iso),
  );
/** A period as readers expect it: 31.12.2024 → 2024, other dates dd.mm.yyyy. */
const period = (p: string) => {
  const [y, m, d] = p.slice(0, 10).split('-');
  return m === '12' && d === '31' ? y! : `${d}.${m}.${y}`;
};
const value = (v: string | null, flag: string | null, decimals: number) => {
  if (v === null) return flag ?? '–';
  const n = Number(v);
  return Number.isFinite(n)
    ? new Intl.NumberFormat('de-DE', {
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
      }).format(n)
    : v;
};

function liveTable(l: LiveData): Block[] {
  return [
    {
      kind: 'table',
      caption: `${l.indicatorName} (${l.unit}), ${l.areaName}`,
      head: ['Zeitraum', `Wert (${l.unit})`],
      rows: l.points.map((p) => [period(p.period), value(p.value, p.flag, l.decimals)]),
      numericFrom: 1,
    },
    {
      kind: 'p',
      meta: true,
      text: `${l.frozen ? 'Eingefrorene Werte' : 'Live-Daten aus dem Monitoring'}, Stand ${deDate(l.asOf)}. „.“ = aus Datenschutzgründen nicht veröffentlicht.`,
    },
  ];
}

const REC_STATUS_DE: Record<RecommendationStatus, string> = RECOMMENDATION_STATUS_LABELS;

const stateText = (frozen: boolean, asOf: string) =>
  `${frozen ? 'Eingefroren mit der Genehmigung des Protokolls' : 'Live aus der Steuerung'}, Stand ${deDate(asOf)}.`;

function goalBlocks(g: AgendaGoal): Block[] {
  return [
    { kind: 'p', text: `Ziel: ${g.title} – Fortschritt: ${g.progressLabel}` },
    ...(g.targets.length
      ? [
          {
            kind: 'table' as const,
            caption: `Zielwerte zu „${g.title}“`,
            head: ['Kennzahl', 'Raumeinheit', 'Zielwert', 'Letzter Wert', 'Fortschritt'],
            rows: g.targets.map((t) => [
              t.unit ? `${t.indicatorName} (${t.unit})` : t.indicatorName,
              t.areaName,
              `${value(t.targetValue, null, 1)} (${period(t.targetPeriod)})`,
              t.latestValue === null || !t.latestPeriod
                ? '–'
                : `${value(t.latestValue, null, 1)} (${period(t.latestPeriod)})`,
              t.progressLabel,
            ]),
            numericFrom: 2,
          },
        ]
      : []),
    { kind: 'p', meta: true, text: stateText(g.frozen, g.asOf) },
  ];
}

function recommendationBlocks(r: AgendaRecommendation): Block[] {
  return [
    { kind: 'p', text: `Handlungsempfehlung: ${r.title} (${REC_STATUS_DE[r.status]})` },
    { kind: 'p', text: r.text },
    { kind: 'p', meta: true, text: stateText(r.frozen, r.asOf) },
  ];
}

/** The blocks of the invitation or the minutes of a meeting. */
export function meetingPaper(m: MeetingDetail, paper: MeetingPaper, tenantName: string): Block[] {
  const when = `${deDay(m.startsAt)}, ${deTime(m.startsAt)}–${deTime(m.endsAt)} Uhr`;
  const where = [m.place, m.onlineLink ? `online: ${m.onlineLink}` : null].filter(Boolean).join(' · ') || '–';
  const blocks: Block[] = [
    { kind: 'p', meta: true, text: `${tenantName} · ${m.bodyName}` },
    {
      kind: 'h',
      level: 1,
      text: `${paper === 'invitation' ? 'Einladung' : 'Protokoll'}: ${m.bodyName} – ${m.title}`,
    },
    { kind: 'p', text: `Termin: ${when}` },
    { kind: 'p', text: `Ort: ${where}` },
  ];
  if (paper === 'invitation') {
    blocks.push({
      kind: 'p',
      text: `Hiermit lade ich Sie zur Sitzung „${m.title}“ des Gremiums „${m.bodyName}“ ein. Die Tagesordnung und die Unterlagen mit den aktuellen Daten aus dem Bildungsmonitoring finden Sie unten.`,
    });
    blocks.push({ kind: 'h', level: 2, text: 'Eingeladen' });
    blocks.push({
      kind: 'p',
      text:
        m.attendance.map((a) => a.actorName).join(', ') ||
        'Das Gremium hat am Sitzungstag keine aktiven Mitglieder.',
    });
  } else {
    blocks.push({
      kind: 'p',
      meta: true,
      text: m.minutesApprovedAt
        ? `Genehmigt am ${deDate(m.minutesApprovedAt)}.`
        : 'ENTWURF – das Protokoll ist noch nicht genehmigt.',
    });
    const present = m.attendance.filter((a) => a.present).map((a) => a.actorName);
    const absent = m.attendance.filter((a) => !a.present).map((a) => a.actorName);
    blocks.push({ kind: 'h', level: 2, text: 'Anwesenheit' });
    blocks.push({ kind: 'p', text: `Anwesend: ${present.join(', ') || '–'}` });
    blocks.push({ kind: 'p', text: `Nicht anwesend: ${absent.join(', ') || '–'}` });
  }
  blocks.push({ kind: 'h', level: 2, text: 'Tagesordnung' });
  if (!m.agenda.length) blocks.push({ kind: 'p', text: 'Die Tagesordnung ist noch leer.' });
  for (const item of m.agenda) {
    blocks.push({ kind: 'h', level: 3, text: `TOP ${item.position}: ${item.title}` });
    if (item.description) blocks.push({ kind: 'p', text: item.description });
    if (item.live) blocks.push(...liveTable(item.live));
    if (item.goal) blocks.push(...goalBlocks(item.goal));
    if (item.recommendation) blocks.push(...recommendationBlocks(item.recommendation));
    if (paper === 'minutes') {
      blocks.push({ kind: 'p', text: `Protokoll: ${item.minutes?.trim() || '–'}` });
      for (const d of item.decisions) {
        blocks.push({ kind: 'p', text: `Beschluss (${OUTCOME_DE[d.outcome]}): ${d.text}` });
      }
    }
  }
  return blocks;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const CSS = `body{font-family:"DejaVu Sans",Arial,sans-serif;font-size:10.5pt;color:#1a1a1a;line-height:1.4;margin:0}
h1{font-size:16pt;margin:4pt 0 8pt}h2{font-size:13pt;margin:14pt 0 6pt;break-after:avoid}
h3{font-size:11.5pt;margin:12pt 0 4pt;break-after:avoid}p{margin:3pt 0;white-space:pre-wrap}
table{border-collapse:collapse;margin:4pt 0 4pt;break-inside:avoid}caption{text-align:left;font-weight:bold;padding:2pt 0}
th,td{border:1px solid #888;padding:2pt 6pt;text-align:left;vertical-align:top}thead th{background:#e8eef6}
.num{text-align:right}.meta{color:#444;font-size:9pt}`;

/** The paper as a self-contained HTML page (no scripts, no external resources), for the PDF. */
export function paperHtml(blocks: Block[], title: string): string {
  const body = blocks
    .map((b) => {
      if (b.kind === 'h') return `<h${b.level}>${esc(b.text)}</h${b.level}>`;
      if (b.kind === 'p') return `<p${b.meta ? ' class="meta"' : ''}>${esc(b.text)}</p>`;
      const cls = (i: number) => (i >= b.numericFrom ? ' class="num"' : '');
      return `<table><caption>${esc(b.caption)}</caption><thead><tr>${b.head
        .map((h, i) => `<th scope="col"${cls(i)}>${esc(h)}</th>`)
        .join('')}</tr></thead><tbody>${b.rows
        .map(
          (r) =>
            `<tr><th scope="row">${esc(r[0]!)}</th>${r
              .slice(1)
              .map((v, i) => `<td${cls(i + 1)}>${esc(v)}</td>`)
              .join('')}</tr>`,
        )
        .join('')}</tbody></table>`;
    })
    .join('\n');
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head><body><main>${body}</main></body></html>`;
}

const cell = (text: string, opts: { header?: boolean; right?: boolean } = {}) =>
  new TableCell({
    children: [
      new Paragraph({
        alignment: opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text, bold: !!opts.header })],
      }),
    ],
  });

const HEADING = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

/** The paper as a Word document (DOCX) with page numbers. */
export async function paperDocx(blocks: Block[], title: string): Promise<Buffer> {
  const children = blocks.flatMap((b): Array<Paragraph | Table> => {
    if (b.kind === 'h') return [new Paragraph({ text: b.text, heading: HEADING[b.level] })];
    if (b.kind === 'p') {
      return b.text.split(/\n/).map(
        (line) =>
          new Paragraph({
            children: [new TextRun({ text: line, ...(b.meta ? { color: '444444', size: 18 } : {}) })],
          }),
      );
    }
    return [
      new Paragraph({ children: [new TextRun({ text: b.caption, bold: true })] }),
      new Table({
        width: { size: 60, type: WidthType.PERCENTAGE },
        rows: [
          new TableRow({
            tableHeader: true,
            children: b.head.map((h, i) => cell(h, { header: true, right: i >= b.numericFrom })),
          }),
          ...b.rows.map(
            (r) =>
              new TableRow({
                children: r.map((v, i) => cell(v, { header: i === 0, right: i >= b.numericFrom })),
              }),
          ),
        ],
      }),
    ];
  });
  const doc = new Document({
    creator: 'DKBM',
    title,
    styles: { default: { document: { run: { language: { value: 'de-DE' }, font: 'Arial', size: 21 } } } },
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
  return Buffer.from(await Packer.toBuffer(doc));
}

/** The invitation or minutes of a meeting as PDF or DOCX. */
export async function renderMeetingPaper(
  m: MeetingDetail,
  paper: MeetingPaper,
  format: PaperFormat,
  tenantName: string,
  pdf: Pick<ReturnType<typeof pdfRenderer>, 'render'>,
): Promise<Buffer> {
  const blocks = meetingPaper(m, paper, tenantName);
  const title = `${paper === 'invitation' ? 'Einladung' : 'Protokoll'}: ${m.bodyName} – ${m.title}`;
  if (format === 'docx') return paperDocx(blocks, title);
  try {
    return await pdf.render(paperHtml(blocks, title), {
      pageNumbers: true,
      headerText: `${tenantName} · ${m.bodyName}`,
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
