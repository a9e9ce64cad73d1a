/** View model of the plan page: rows of a selection, the chart series, percent fields. Pure and tested. */
import {
  isSchoolEntryCutoff,
  type EntitlementPlanDto,
  type EntitlementPlanRow,
  type EntitlementSettings,
  type PlanningUnit,
} from '@dkbm/contract';
import type { FieldErrors } from '../components/Fields';
import type { EntitlementTexts } from './texts';

export type PlanScope = EntitlementPlanRow['scope'];

/** City totals of one scenario and scope, by school year. */
export function totalsOf(
  plan: EntitlementPlanDto,
  scenarioId: string,
  scope: PlanScope,
): EntitlementPlanRow[] {
  return plan.totals
    .filter((r) => r.scenarioId === scenarioId && r.scope === scope)
    .toSorted((a, b) => a.schoolYear - b.schoolYear);
}

/** Unit rows of one scenario, scope and year, with their unit; largest gap (in %) first. */
export function unitRowsOf(
  plan: EntitlementPlanDto,
  scenarioId: string,
  scope: PlanScope,
  schoolYear: number,
): Array<{ unit: PlanningUnit; row: EntitlementPlanRow }> {
  const units = new Map(plan.planningUnits.map((u) => [u.id, u]));
  return plan.rows
    .filter(
      (r) =>
        r.scenarioId === scenarioId && r.scope === scope && r.schoolYear === schoolYear && r.planningUnitId,
    )
    .flatMap((row) => {
      const unit = units.get(row.planningUnitId!);
      return unit ? [{ unit, row }] : [];
    })
    .toSorted(
      (a, b) =>
        Number(b.row.gapPercent ?? -Infinity) - Number(a.row.gapPercent ?? -Infinity) ||
        a.unit.name.localeCompare(b.unit.name, 'de'),
    );
}

/** Scopes that have rows for the scenario, in a fixed order. */
export function scopesOf(plan: EntitlementPlanDto, scenarioId: string): PlanScope[] {
  const present = new Set(plan.rows.filter((r) => r.scenarioId === scenarioId).map((r) => r.scope));
  return (['ganztag', 'kita', 'kita_u3', 'kita_ue3'] as const).filter((s) => present.has(s));
}

/** '0.85' → '85'; null → ''. Shares are shown and entered in percent. */
export function shareToPercent(share: string | null): string {
  if (share === null) return '';
  const v = Math.round(Number(share) * 1e6) / 1e4;
  return String(v).replace('.', ',');
}

/**
 * A percent field ('80', '80,5', '') → share text ('0.8', '0.805') or null when empty; undefined when
 * the input is not a number from 0 to 100.
 */
export function percentToShare(text: string): string | null | undefined {
  const t = text.trim().replace(',', '.');
  if (t === '') return null;
  if (!/^\d{1,3}(\.\d{1,4})?$/.test(t)) return undefined;
  const v = Number(t);
  if (v > 100) return undefined;
  // Exact decimal shift by two places (no binary rounding): 80.5 → 0.805.
  const [int, frac = ''] = t.split('.');
  const digits = (int!.padStart(3, '0') + frac).replace(/^0+(?=\d)/, '');
  const whole = digits.length > frac.length + 2 ? digits.slice(0, digits.length - frac.length - 2) : '0';
  const rest = digits
    .padStart(frac.length + 2, '0')
    .slice(-(frac.length + 2))
    .replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : whole;
}

/**
 * A signed percent per year for the Wanderungssaldo ('-1,5', '+2', '0,25', '') → rate text ('-0.015',
 * '0.02', '0.0025') or null when empty; undefined when it is no number or not between −100 and 100 (exclusive).
 */
export function signedPercentToRate(text: string): string | null | undefined {
  const t = text.trim().replace(/^([+\-\u2212])\s*/, (m) => (m.startsWith('+') ? '' : '-'));
  if (t === '') return text.trim() === '' ? null : undefined;
  const negative = t.startsWith('-');
  const rate = percentToShare(negative ? t.slice(1) : t);
  if (rate === null || rate === undefined || Number(rate) >= 1) return undefined;
  return negative && rate !== '0' ? `-${rate}` : rate;
}

/** '-0.015' → '-1,5'; null → ''. */
export function rateToSignedPercent(rate: string | null): string {
  if (rate === null) return '';
  return rate.startsWith('-') ? `-${shareToPercent(rate.slice(1))}` : shareToPercent(rate);
}

/**
 * A number typed in the form („1.234,5“ in German, „1,234.5“ in English) as the API's decimal text
 * („1234.5“); '' for an empty field, undefined when it is no number or has more than `fractionDigits`.
 */
export function inputToDecimal(text: string, lang: 'de' | 'en', fractionDigits = 2): string | undefined {
  const [group, decimal] = lang === 'de' ? ['.', ','] : [',', '.'];
  let t = text.trim().replace(/\s/g, '');
  if (t === '') return '';
  // Groups of three only („1.200.000“); anything else is a typing error, not a thousands separator.
  const grouped = new RegExp(`^-?\\d{1,3}(\\${group}\\d{3})+(\\${decimal}\\d+)?$`);
  if (grouped.test(t)) t = t.split(group).join('');
  t = t.replace(decimal, '.');
  const fraction = fractionDigits > 0 ? `(\\.\\d{1,${fractionDigits}})?` : '';
  if (!new RegExp(`^-?\\d{1,12}${fraction}$`).test(t)) return undefined;
  return t.replace(/^(-?)0+(?=\d)/, '$1');
}

/** The API's decimal text shown in the form of the language („1234.5“ → „1234,5“ in German). */
export function decimalToInput(value: string | null, lang: 'de' | 'en'): string {
  if (value === null) return '';
  return lang === 'de' ? value.replace('.', ',') : value;
}

/* ---------- plan settings (PlanSettings.tsx) ---------- */

export interface SettingsDraft {
  populationIndicatorCode: string;
  ageDimensionCode: string;
  schoolEntryCutoff: string;
  firstSchoolYear: string;
  lastSchoolYear: string;
  kitaPlacesSource: EntitlementSettings['kitaPlacesSource'];
}

/** 'MM-TT' from what a person types: 09-30, 9-30, 30.09., 30.9. */
export function normaliseCutoff(input: string): string {
  const v = input.trim();
  const iso = /^(\d{1,2})-(\d{1,2})$/.exec(v);
  const german = /^(\d{1,2})\.(\d{1,2})\.?$/.exec(v);
  const [month, day] = iso ? [iso[1]!, iso[2]!] : german ? [german[2]!, german[1]!] : [null, null];
  return month && day ? `${month.padStart(2, '0')}-${day.padStart(2, '0')}` : v;
}

/** 'MM-TT' → '30.09.' for reading. */
export const germanDay = (cutoff: string) => `${cutoff.slice(3, 5)}.${cutoff.slice(0, 2)}.`;

/** The request body, or the field errors (German or English, naming the field). */
export function settingsBody(
  d: SettingsDraft,
  tx: EntitlementTexts['settings'],
): { body: EntitlementSettings; errors: null } | { body: null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!d.populationIndicatorCode.trim()) errors.populationIndicatorCode = tx.required(tx.indicator);
  if (!d.ageDimensionCode.trim()) errors.ageDimensionCode = tx.required(tx.ageDimension);
  const cutoff = normaliseCutoff(d.schoolEntryCutoff);
  if (!isSchoolEntryCutoff(cutoff)) errors.schoolEntryCutoff = tx.cutoffError;
  const first = Number(d.firstSchoolYear);
  const last = Number(d.lastSchoolYear);
  if (last < first || last - first > 20) errors.lastSchoolYear = tx.yearsError;
  if (Object.keys(errors).length) return { body: null, errors };
  return {
    body: {
      populationIndicatorCode: d.populationIndicatorCode.trim(),
      ageDimensionCode: d.ageDimensionCode.trim(),
      schoolEntryCutoff: cutoff,
      firstSchoolYear: first,
      lastSchoolYear: last,
      kitaPlacesSource: d.kitaPlacesSource,
    },
    errors: null,
  };
}
