import { notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { getIndicatorRow } from '../monitoring/catalog.service';
import { areaExists } from '../monitoring/areas.service';
import { selectionValues } from './progress.service';
import { findFinding } from './findings.repo';

/*
 * Findings for public outputs (the reports module's finding block). Apart from findings.service.ts, which
 * reads the reports module's sections, so that the reports module can read this one without a cycle.
 */

/**
 * A finding as public outputs (a published Bildungsbericht) may show it: the statement and the cited
 * values re-read from the monitoring's public view — primary and secondary suppression as on the portal
 * (withheld: value null, flag „.“) — never the finding's internal snapshot. Unknown or foreign: 404.
 */
export async function publicFinding(s: TenantScope, id: string) {
  const f = await findFinding(s, id);
  if (!f) throw notFound('Der Befund');
  const ind = await getIndicatorRow(s, f.indicatorId);
  const values = [];
  for (const v of f.snapshot.values) {
    const series = (await areaExists(s, v.areaId))
      ? await selectionValues(s, ind, v.areaId, f.dims, 'public')
      : [];
    const o = series.find((x) => x.period === f.period);
    values.push({ areaName: v.area, value: o?.value ?? null, flag: o ? (o.flag ?? null) : '.' });
  }
  return {
    id: f.id,
    statement: f.statement,
    indicatorName: ind.nameDe,
    unit: ind.unit,
    decimals: ind.decimals,
    period: f.period,
    values,
  };
}
