import type { Finding, FindingCreate, FindingLinks, ReportSection } from '@dkbm/contract';
import { badRequest, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { getIndicatorRow } from '../monitoring/catalog.service';
import { areaExists } from '../monitoring/areas.service';
import { record, type Actor } from './goals.service';
import { areaNamer, selectionValues } from './progress.service';
import { reportSections } from '../reports/reports.service';
import { findRecommendation } from './loop.repo';
import {
  deleteFindingRow,
  findFinding,
  findingRows,
  findingSectionRows,
  insertFinding,
  recommendationFindingRows,
  replaceFindingRecommendations,
  setFindingSection,
  type FindingRow,
} from './findings.repo';

/*
 * Findings („Befunde“): a statement with the values it cites frozen at the time it was made. The values
 * come from the internal series of the monitoring (through its services); later imports, undo or
 * recomputation change the series, never the finding.
 */

const toDto = (
  r: FindingRow,
  reportSection: ReportSection | null = null,
  recommendationIds: string[] = [],
): Finding => ({
  id: r.id,
  statement: r.statement,
  indicatorId: r.indicatorId,
  indicator: r.snapshot.indicator,
  unit: r.snapshot.unit,
  period: r.period,
  dims: r.dims,
  values: r.snapshot.values,
  createdAt: r.createdAt,
  reportSection,
  recommendationIds,
});

/** The sections of the tenant's reports (reports module, through its service). */
export const listReportSections = (s: TenantScope): Promise<ReportSection[]> => reportSections(s);

export async function listFindings(s: TenantScope): Promise<Finding[]> {
  const sections = new Map((await reportSections(s)).map((x) => [x.chapterId, x]));
  const sectionOf = new Map((await findingSectionRows(s)).map((x) => [x.findingId, x.chapterId]));
  const recs = await recommendationFindingRows(s);
  return (await findingRows(s)).map((r) =>
    toDto(
      r,
      sections.get(sectionOf.get(r.id) ?? '') ?? null,
      recs.filter((x) => x.findingId === r.id).map((x) => x.recommendationId),
    ),
  );
}

/**
 * Links a finding to a report section (a chapter of the reports module; null unlinks) and to the
 * recommendations that rest on it. Another tenant's chapter or recommendation is not found.
 */
export async function linkFinding(s: TenantScope, actor: Actor, id: string, input: FindingLinks) {
  if (!(await findFinding(s, id))) throw notFound('Der Befund');
  if (input.reportChapterId && !(await reportSections(s)).some((x) => x.chapterId === input.reportChapterId))
    throw notFound('Der Abschnitt des Berichts');
  for (const r of input.recommendationIds ?? [])
    if (!(await findRecommendation(s, r))) throw notFound('Die Handlungsempfehlung');
  await s.transaction(async (tx) => {
    if (input.reportChapterId !== undefined) await setFindingSection(tx, id, input.reportChapterId);
    if (input.recommendationIds) await replaceFindingRecommendations(tx, id, input.recommendationIds);
    await record(tx, actor, 'finding', id, 'linked', 'Befund verknüpft (Berichtsabschnitt, Empfehlungen)');
  });
}

export async function createFinding(s: TenantScope, actor: Actor, input: FindingCreate): Promise<string> {
  const ind = await getIndicatorRow(s, input.indicatorId);
  const names = areaNamer(s);
  const values = [];
  for (const areaId of new Set(input.areaIds)) {
    if (!(await areaExists(s, areaId))) throw notFound('Die Raumeinheit');
    const series = await selectionValues(s, ind, areaId, input.dims, 'internal');
    const o = series.find((x) => x.period === input.period);
    values.push({ areaId, area: await names.area(areaId), value: o?.value ?? null, flag: o?.flag ?? null });
  }
  if (values.every((v) => v.value === null))
    throw badRequest(
      `Für den Zeitraum ${input.period} gibt es in den gewählten Raumeinheiten keinen Wert im Monitoring.`,
      { field: 'period' },
    );
  const id = await insertFinding(s, {
    statement: input.statement,
    indicatorId: ind.id,
    period: input.period,
    dims: input.dims,
    snapshot: { indicator: ind.nameDe, unit: ind.unit, values },
    createdBy: actor.userId,
  });
  await record(s, actor, 'finding', id, 'created', `Befund „${input.statement.slice(0, 80)}“ festgehalten`);
  return id;
}

export async function deleteFinding(s: TenantScope, id: string) {
  if (!(await deleteFindingRow(s, id))) throw notFound('Der Befund');
}
