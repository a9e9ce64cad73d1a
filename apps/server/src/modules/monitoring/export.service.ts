import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Observation } from '@dkbm/contract';
import type { Db } from '../../platform/db/client';
import { areas } from '../../platform/db/schema';
import { rows } from '../../platform/db/sqlRows';
import { dimensionsDetail, type IndicatorRow } from './catalog.service';

export type ExportFormat = 'csv' | 'xlsx' | 'json';

/** Period as written in exports: the year for yearly data, else the ISO date. */
export function exportPeriod(period: string, periodType: string): string {
  return periodType === 'year' ? period.slice(0, 4) : period;
}

const germanDecimal = (v: string | null) => (v === null ? '' : v.replace('.', ','));

function csvCell(s: string): string {
  return /[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface TidyExport {
  header: string[];
  rows: Array<Array<string>>;
  /** Rows with values as exact strings ('.' decimal separator), for XLSX and JSON. */
  records: Array<Record<string, string | null>>;
}

export async function tidyRows(
  db: Db,
  tenantId: string,
  ind: IndicatorRow,
  obs: Observation[],
): Promise<TidyExport> {
  const areaIds = [...new Set(obs.map((o) => o.areaId))];
  const names = new Map<string, string>();
  for (let i = 0; i < areaIds.length; i += 1000) {
    const chunk = areaIds.slice(i, i + 1000);
    const r = await db
      .select({ id: areas.id, name: areas.name })
      .from(areas)
      .where(and(eq(areas.tenantId, tenantId), inArray(areas.id, chunk)));
    for (const a of r) names.set(a.id, a.name);
  }
  const dimIds = await rows<{ id: string }>(
    db,
    sql`SELECT dimension_id AS id FROM indicator_dimensions WHERE tenant_id = ${tenantId} AND indicator_id = ${ind.id} ORDER BY position`,
  );
  const dims = await dimensionsDetail(
    db,
    tenantId,
    dimIds.map((d) => d.id),
  );
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

/** German CSV: `;`, decimal comma, UTF-8 with BOM (opens correctly in Excel). */
export function toGermanCsv(t: TidyExport): Buffer {
  const lines = [t.header, ...t.rows].map((r) => r.map(csvCell).join(';'));
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
}

export async function toXlsx(t: TidyExport, ind: IndicatorRow): Promise<Buffer> {
  // Loaded on first use (about 0.3 s and 30 MB), not at start-up.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DKBM-Plattform';
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
  const rowsMeta: Array<[string, string | null]> = [
    ['Indikator', ind.nameDe],
    ['Code', ind.code],
    ['Einheit', ind.unit],
    ['Quelle', ind.source],
    ['Lizenz', ind.licence],
    ['Namensnennung', ind.attribution],
    ['Hinweis', 'Kleine Fallzahlen sind zum Schutz der Betroffenen ausgeblendet (Zeichen „.“).'],
  ];
  for (const [k, v] of rowsMeta) meta.addRow([k, v ?? '']);
  meta.getColumn(1).font = { bold: true };
  meta.getColumn(1).width = 18;
  meta.getColumn(2).width = 100;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function toJson(t: TidyExport, ind: IndicatorRow) {
  return {
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
