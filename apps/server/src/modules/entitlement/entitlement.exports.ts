/** The planning table as CSV (German Excel: semicolon, decimal comma) and XLSX (one sheet per scenario). */
import type { EntitlementPlanDto, EntitlementPlanRow } from '@dkbm/contract';
import { csvDocument, schoolYearLabel } from '@dkbm/domain';

const SCOPE_LABELS: Record<EntitlementPlanRow['scope'], string> = {
  ganztag: 'Ganztag (Klassen 1–4)',
  kita_u3: 'Kita unter 3',
  kita_ue3: 'Kita ab 3',
  kita: 'Kita gesamt',
};
const STATUS_LABELS: Record<EntitlementPlanRow['status'], string> = {
  shortfall: 'Lücke',
  tight: 'knapp',
  covered: 'gedeckt',
};

export const PLAN_HEADER = [
  'Szenario',
  'Planungseinheit',
  'Art',
  'Schuljahr',
  'Bereich',
  'Anspruchsberechtigte',
  'Bedarf',
  'Plätze',
  'Lücke',
  'Lücke %',
  'Versorgungsquote',
  'Status',
] as const;

/** One record per row (units first, then the city total per year), numbers as exact decimal text. */
export function planRecords(plan: EntitlementPlanDto, scenarioId?: string) {
  const unit = new Map(plan.planningUnits.map((u) => [u.id, u]));
  const all = [...plan.rows, ...plan.totals].filter((r) => !scenarioId || r.scenarioId === scenarioId);
  return all.map((r) => {
    const u = r.planningUnitId ? unit.get(r.planningUnitId) : undefined;
    return {
      scenario: r.scenario,
      unit: u ? u.name : 'Stadt insgesamt',
      kind: u ? (u.kind === 'grundschule' ? 'Grundschule' : 'Sozialraum') : '',
      schoolYear: schoolYearLabel(r.schoolYear),
      scope: SCOPE_LABELS[r.scope],
      entitledChildren: r.entitledChildren,
      demand: r.demand,
      places: r.places,
      gap: r.gap,
      gapPercent: r.gapPercent,
      ratio: r.ratio,
      status: STATUS_LABELS[r.status],
    };
  });
}

const comma = (v: string | null) => (v === null ? '' : v.replace('.', ','));

export function planCsv(plan: EntitlementPlanDto): Buffer {
  const rows = planRecords(plan).map((r) => [
    r.scenario,
    r.unit,
    r.kind,
    r.schoolYear,
    r.scope,
    comma(r.entitledChildren),
    comma(r.demand),
    comma(r.places),
    comma(r.gap),
    comma(r.gapPercent),
    comma(r.ratio),
    r.status,
  ]);
  return Buffer.from(csvDocument([[...PLAN_HEADER], ...rows]), 'utf8');
}

/** Sheet names: at most 31 characters, none of * ? : \ / [ ], unique. */
export function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[*?:\\/[\]]/g, '_').slice(0, 28) || 'Szenario';
  let n = base;
  for (let i = 2; used.has(n.toLowerCase()); i++) n = `${base.slice(0, 27)}_${i}`;
  used.add(n.toLowerCase());
  return n;
}

export async function planXlsx(plan: EntitlementPlanDto, tenantName: string): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DKBM-Plattform';
  wb.title = `Rechtsanspruch & Plätze – ${tenantName}`;
  const used = new Set<string>();
  for (const sc of plan.scenarios) {
    const ws = wb.addWorksheet(sheetName(sc.name, used));
    ws.addRow([...PLAN_HEADER]);
    ws.getRow(1).font = { bold: true };
    const num = (v: string | null) => (v === null ? null : Number(v));
    for (const r of planRecords(plan, sc.id)) {
      ws.addRow([
        r.scenario,
        r.unit,
        r.kind,
        r.schoolYear,
        r.scope,
        num(r.entitledChildren),
        num(r.demand),
        num(r.places),
        num(r.gap),
        num(r.gapPercent),
        num(r.ratio),
        r.status,
      ]);
    }
    for (const c of [6, 7, 8, 9]) ws.getColumn(c).numFmt = '#,##0.0';
    ws.getColumn(10).numFmt = '#,##0.0';
    ws.getColumn(11).numFmt = '0.00%';
    ws.getColumn(2).width = 34;
    ws.getColumn(5).width = 22;
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const meta = wb.addWorksheet(sheetName('Annahmen', used));
  meta.addRow([
    'Szenario',
    'Annahmen',
    'Anteil Ganztag',
    'Quote U3',
    'Quote Ü3',
    'Rückstellung',
    'Wanderung',
  ]);
  meta.getRow(1).font = { bold: true };
  for (const sc of plan.scenarios) {
    meta.addRow([
      sc.name,
      sc.description ?? '',
      sc.ganztagShare ? Number(sc.ganztagShare) : null,
      sc.kitaU3Rate ? Number(sc.kitaU3Rate) : null,
      sc.kitaUe3Rate ? Number(sc.kitaUe3Rate) : null,
      sc.deferralShare ? Number(sc.deferralShare) : null,
      sc.netMigration ? Number(sc.netMigration) : null,
    ]);
  }
  for (const c of [3, 4, 5, 6, 7]) meta.getColumn(c).numFmt = '0.0%';
  meta.getColumn(2).width = 60;
  meta.addRow([]);
  meta.addRow([
    'Bevölkerung am',
    plan.referenceDate ?? 'keine Bevölkerungsdaten',
    'Lücke = Bedarf − Plätze; Versorgungsquote = Plätze / Bedarf',
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
