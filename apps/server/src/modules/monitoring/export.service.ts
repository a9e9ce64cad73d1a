import type { TenantScope } from '../../platform/tenancy/scope';
import type { Observation } from '@dkbm/contract';
import { csvDocument } from '@dkbm/domain';
import { dimensionsDetail, indicatorDimensionIds, type IndicatorRow } from './catalog.repo';
import { areaNames } from './areas.repo';

export type ExportFormat = 'csv' | 'xlsx' | 'json';

/** Period as written in exports: the year for yearly data, else the ISO date. */
export function exportPeriod(period: string, periodType: string): string {
  return periodType === 'year' ? period.slice(0, 4) : period;
}

const germanDecimal = (v: string | null) => (v === null ? '' : v.replace('.', ','));
const nf = new Intl.NumberFormat('de-DE');

/** Which values a download holds and how they were protected: said in its name and inside the file. */
export interface ExportNotice {
  view: 'public' | 'internal';
  /** All values of the indicator, or the selection of the indicator page (period, level, dimensions). */
  scope: 'all' | 'selection';
  /** Effective threshold of the public view (0: the indicator is not a count and is not protected). */
  threshold: number;
  computed: boolean;
  /** Withheld cells of the public view. */
  withheld: number;
}

/** Counts of withheld cells, for the notice of a public download. */
export function noticeOf(
  view: 'public' | 'internal',
  scope: 'all' | 'selection',
  threshold: number,
  ind: IndicatorRow,
  obs: Observation[],
): ExportNotice {
  const withheld = obs.filter((o) => o.suppressed).length;
  return { view, scope, threshold, computed: !!ind.computed, withheld };
}

/** The short status of a download („INTERN …“ or „Öffentliche Fassung …“). */
export function noticeTitle(n: ExportNotice): string {
  return n.view === 'internal'
    ? 'INTERN – enthält ungeschützte Werte'
    : 'Öffentliche Fassung – kleine Fallzahlen geschützt';
}

/** What the download holds and how it was protected, in German sentences (CSV preamble, XLSX, JSON). */
export function noticeLines(n: ExportNotice): string[] {
  const scope =
    n.scope === 'all'
      ? 'Umfang: alle Werte des Indikators.'
      : 'Umfang: Auswahl der Indikatorseite (Zeitpunkt, Raumebene, Merkmale).';
  if (n.view === 'internal') {
    return [
      `${noticeTitle(n)}: Kleine Fallzahlen sind NICHT ausgeblendet. Nur für den internen Gebrauch – ` +
        'nicht veröffentlichen und nicht weitergeben. Für eine Veröffentlichung laden Sie die öffentliche Fassung herunter.',
      scope,
    ];
  }
  const withheld = n.withheld;
  let how: string;
  if (n.computed) {
    how =
      'Berechneter Indikator: Die Werte sind aus den geschützten Eingangswerten berechnet; ein Wert, dessen ' +
      `Eingangswerte ausgeblendet sind, ist ebenfalls ausgeblendet (${nf.format(withheld)} Werte, Zeichen „.“).`;
  } else if (n.threshold <= 0) {
    how =
      'Dieser Indikator ist keine Fallzahl (Schwelle 0); es musste kein Wert ausgeblendet werden' +
      (withheld ? ` (${nf.format(withheld)} Werte dennoch ausgeblendet).` : '.');
  } else {
    how =
      `Fallzahlen von 1 bis ${nf.format(n.threshold - 1)} sind zum Schutz der Betroffenen ausgeblendet, ` +
      'dazu Werte, aus denen sie sich über Summen zurückrechnen ließen, und Summen mit einem ausgeblendeten Teil ' +
      `(zusammen ${nf.format(withheld)} ${withheld === 1 ? 'Wert' : 'Werte'}, Zeichen „.“, nie 0).`;
  }
  return [`${noticeTitle(n)}: ${how}`, scope];
}

/** File name of a download without extension: code, scope, view (and the period of a one-period selection). */
export function exportFileBase(
  code: string,
  n: Pick<ExportNotice, 'view' | 'scope'>,
  selection: { period?: string | undefined; level?: string | undefined } = {},
): string {
  const parts = [code];
  if (n.scope === 'all') parts.push('alle_werte');
  else
    parts.push(
      'auswahl',
      ...(selection.period ? [selection.period] : []),
      ...(selection.level ? [selection.level] : []),
    );
  parts.push(n.view === 'internal' ? 'INTERN_ungeschuetzt' : 'oeffentlich');
  return parts.join('_').replace(/[^\w.-]+/g, '_');
}

export interface TidyExport {
  header: string[];
  rows: Array<Array<string>>;
  /** Rows with values as exact strings ('.' decimal separator), for XLSX and JSON. */
  records: Array<Record<string, string | null>>;
}

export async function tidyRows(s: TenantScope, ind: IndicatorRow, obs: Observation[]): Promise<TidyExport> {
  const areaIds = [...new Set(obs.map((o) => o.areaId))];
  const names = await areaNames(s, areaIds);
  const dimIds = await indicatorDimensionIds(s, ind.id);
  const dims = await dimensionsDetail(s, dimIds);
  const dimCodes = dims.map((d) => d.code);
  const header = ['indicator', 'area', 'area_name', 'period', ...dimCodes, 'value', 'flag'];
  const records = obs.map((o) => {
    const rec: Record<string, string | null> = {
      indicator: ind.code,
      area: o.areaCode,
      area_name: names.get(o.areaId) ?? '',
      period: exportPeriod(o.period, ind.periodType),
    };
    for (const d of dimCodes) rec[d] = o.dims[d] ?? '';
    rec.value = o.value;
    rec.flag = o.flag ?? '';
    return rec;
  });
  return {
    header,
    records,
    rows: records.map((r) =>
      header.map((h) => (h === 'value' ? germanDecimal(r.value ?? null) : (r[h] ?? ''))),
    ),
  };
}

/**
 * German CSV: `;`, decimal comma, UTF-8 with BOM (opens correctly in Excel). Lines starting with `#`
 * before the header say whether the file is internal or protected; text cells that a spreadsheet would
 * run as a formula are neutralised.
 */
export function toGermanCsv(t: TidyExport, notice?: ExportNotice): Buffer {
  // Without `;` the notes stay one unquoted cell, so that `comment='#'` readers skip them.
  const preamble = notice ? noticeLines(notice).map((l) => `# ${l.replaceAll(';', ',')}`) : [];
  return Buffer.from(csvDocument([t.header, ...t.rows], { preamble }), 'utf8');
}

export async function toXlsx(t: TidyExport, ind: IndicatorRow, notice: ExportNotice): Promise<Buffer> {
  // Loaded on first use (about 0.3 s and 30 MB), not at start-up.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DKBM-Plattform';
  wb.title = `${ind.nameDe} – ${noticeTitle(notice)}`;
  wb.subject = noticeTitle(notice);
  const ws = wb.addWorksheet(ind.code.slice(0, 31).replace(/[*?:\\/[\]]/g, '_'));
  ws.addRow(t.header);
  ws.getRow(1).font = { bold: true };
  for (const r of t.records) {
    ws.addRow(
      t.header.map((h) => {
        const v = r[h];
        if (h === 'value') return v === null || v === undefined ? null : Number(v);
        return v ?? '';
      }),
    );
  }
  const valueCol = ws.getColumn(t.header.indexOf('value') + 1);
  valueCol.numFmt = ind.decimals > 0 ? `#,##0.${'0'.repeat(ind.decimals)}` : '#,##0';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const meta = wb.addWorksheet('Metadaten');
  const [status, scope] = noticeLines(notice);
  const rowsMeta: Array<[string, string | null]> = [
    ['Fassung', status ?? null],
    ['Umfang', scope ?? null],
    ['Indikator', ind.nameDe],
    ['Code', ind.code],
    ['Einheit', ind.unit],
    ['Quelle', ind.source],
    ['Lizenz', ind.licence],
    ['Namensnennung', ind.attribution],
  ];
  for (const [k, v] of rowsMeta) meta.addRow([k, v ?? '']);
  meta.getColumn(1).font = { bold: true };
  meta.getCell('B1').font = {
    bold: true,
    color: { argb: notice.view === 'internal' ? 'FFB00020' : 'FF1B5E20' },
  };
  meta.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  meta.getColumn(1).width = 18;
  meta.getColumn(2).width = 100;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function toJson(t: TidyExport, ind: IndicatorRow, notice: ExportNotice) {
  return {
    meta: {
      view: notice.view,
      internal: notice.view === 'internal',
      protected: notice.view === 'public',
      scope: notice.scope,
      notice: noticeLines(notice),
      ...(notice.view === 'public' ? { threshold: notice.threshold, withheld: notice.withheld } : {}),
    },
    indicator: {
      code: ind.code,
      name: ind.nameDe,
      unit: ind.unit,
      decimals: ind.decimals,
      source: ind.source,
      licence: ind.licence,
      attribution: ind.attribution,
    },
    columns: t.header,
    data: t.records,
  };
}
