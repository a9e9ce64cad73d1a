/** Results of the entitlement plan saved into the monitoring (through the monitoring's services). */
import type { EntitlementSavedIndicator } from '@dkbm/contract';
import { conflict } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { createIndicator, findIndicatorByCode, updateIndicator } from '../monitoring/catalog.service';
import { storeDerivedValues } from '../monitoring/computed.service';
import { computePlan } from './entitlement.service';

/** Marks the indicators this module writes; an indicator with the same code but another source is not touched. */
export const SAVED_INDICATOR_SOURCE = 'Rechtsanspruch & Plätze (Planung)';

export const SAVED_INDICATORS = [
  {
    scope: 'ganztag',
    code: 'rechtsanspruch_versorgungsquote_ganztag',
    nameDe: 'Versorgungsquote Ganztag',
    nameEn: 'All-day care coverage ratio',
    topic: 'allgemeinbildende_schulen',
  },
  {
    scope: 'kita',
    code: 'rechtsanspruch_versorgungsquote_kita',
    nameDe: 'Versorgungsquote Kita',
    nameEn: 'Day-care coverage ratio',
    topic: 'fruehkindliche_bildung',
  },
] as const;

/** Ratio (places / demand, '0.8571') as percent text with two decimals, exact ('85.71'). */
function ratioPercent(ratio: string): string {
  const [int = '0', frac = ''] = ratio.replace('-', '').split('.');
  const digits = `${int}${frac.padEnd(4, '0').slice(0, 4)}`.replace(/^0+(?=\d)/, '');
  const padded = digits.padStart(3, '0');
  return `${ratio.startsWith('-') ? '-' : ''}${padded.slice(0, -2).replace(/^0+(?=\d)/, '')}.${padded.slice(-2)}`;
}

/**
 * Save the plan of one scenario as monitoring indicators: „Versorgungsquote Ganztag“ per Grundschule and
 * „Versorgungsquote Kita“ per Sozialraum, in percent (places per 100 children with demand), per school year
 * on the unit's area. Every save replaces the values; steering targets can track the indicators.
 */
export async function saveAsIndicators(
  s: TenantScope,
  scenarioId: string,
): Promise<EntitlementSavedIndicator[]> {
  const plan = await computePlan(s, { scenarioId });
  const scenario = plan.scenarios[0]!;
  const areaOf = new Map(plan.planningUnits.map((u) => [u.id, u.areaId]));
  const today = new Date().toISOString().slice(0, 10).split('-').toReversed().join('.');
  const out: EntitlementSavedIndicator[] = [];
  for (const def of SAVED_INDICATORS) {
    const values = plan.rows
      .filter((r) => r.scope === def.scope && r.planningUnitId && r.ratio !== null)
      .map((r) => ({
        areaId: areaOf.get(r.planningUnitId!)!,
        period: `${r.schoolYear}-08-01`,
        value: ratioPercent(r.ratio!),
      }));
    if (values.length === 0) continue;
    const description =
      `Plätze je 100 Kinder mit Bedarf (Plätze / Bedarf × 100) je Planungseinheit und Schuljahr, ` +
      `aus „Rechtsanspruch & Plätze“, Szenario „${scenario.name.slice(0, 80)}“, gespeichert am ${today}. ` +
      `Jedes Speichern ersetzt die Werte.`;
    let ind = await findIndicatorByCode(s, def.code);
    if (ind && ind.source !== SAVED_INDICATOR_SOURCE) {
      throw conflict(
        `Den Indikator ${def.code} gibt es schon mit anderen Daten; er wird nicht überschrieben.`,
      );
    }
    if (!ind) {
      await createIndicator(s, {
        code: def.code,
        nameDe: def.nameDe,
        nameEn: def.nameEn,
        unit: '%',
        decimals: 1,
        topic: def.topic,
        periodType: 'school_year',
        measure: 'relative',
        polarity: 'higher_better',
        visibility: 'internal',
        source: SAVED_INDICATOR_SOURCE,
        description,
      });
      ind = (await findIndicatorByCode(s, def.code))!;
    } else {
      await updateIndicator(s, ind.id, { description });
    }
    await storeDerivedValues(s, ind, values);
    out.push({ indicatorId: ind.id, code: def.code, name: def.nameDe, values: values.length });
  }
  return out;
}
