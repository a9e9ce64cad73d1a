import type { TenantScope } from '../../platform/tenancy/scope';
import type { FrameworkValue, InstrumentContent } from '@dkbm/contract';
import { formatGerman } from '@dkbm/domain';
import {
  indicatorDimensionValues as dimensionsOf,
  indicatorsNamed,
  indicatorsOfTopics,
  indicatorsWithDimension,
  municipalTotals as totals,
  populationIndicators,
  type FigureIndicator,
} from '../monitoring/figures.service';

/*
 * „Aus dem Monitoring vorbelegen“: suggestions for the framework conditions of a round from the
 * tenant's own monitoring data (internal values: the workbench of the Bildungsbüro). Each suggestion
 * names its source (indicator and period); a condition without a matching indicator is null, so the
 * page can say which field had no source. Nothing is stored here: the editor checks and saves.
 *
 * What the monitoring can say about the conditions of the default instrument:
 * - einwohner (number): the population total at the latest period (summed over the top-level areas);
 * - demografie (text): age-group shares of the population and its change over the periods held;
 * - migration (text): indicators on nationality or migration (by name or by a dimension);
 * - bildungsinfrastruktur (text): indicators of the education topics (latest value each);
 * - verwaltung, zugaenglichkeit: the monitoring has no source for these; always null.
 */

type IndicatorRow = FigureIndicator;

const EDUCATION_TOPICS = [
  'fruehkindliche_bildung',
  'allgemeinbildende_schulen',
  'berufliche_bildung',
  'hochschulen',
  'weiterbildung',
  'non_formale_lernwelten',
];
const AGE_DIMENSIONS = ['altersgruppe', 'alter', 'altersklasse'];
const MIGRATION_DIMENSION_RE = /nationalit|staatsangeh|migration|herkunft/;
const MIGRATION_NAME_SQL = 'migration|ausländ|staatsangehörig|nationalität|zuwander|geflüchtet|schutzsuchend';
/** At most this many indicators are summarised in one text field. */
const MAX_LINES = 5;

/** '2024', '2024/25' or '31.12.2024', as the period type of the indicator says. */
export function periodLabel(period: string, periodType: string): string {
  const [y = '', m = '', d = ''] = period.split('-');
  if (periodType === 'year') return y;
  if (periodType === 'school_year') return `${y}/${String((Number(y) + 1) % 100).padStart(2, '0')}`;
  return `${d}.${m}.${y}`;
}

/** A value with its unit in German ('4.321', '35,2 %', '12.345 Personen'); „Anzahl“ is no unit. */
function withUnit(value: string, ind: Pick<IndicatorRow, 'unit' | 'decimals'>): string {
  const n = formatGerman(value, ind.decimals);
  const unit = ind.unit.trim();
  if (!unit || /^anzahl$/i.test(unit)) return n;
  return unit === '%' ? `${n} %` : `${n} ${unit}`;
}

const clean = (v: string) => (v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);

/** The latest value of an indicator for the whole municipality, if it can be said. */
async function latestValue(s: TenantScope, ind: IndicatorRow) {
  const [row] = await totals(s, ind.id);
  if (!row || row.n === 0) return null;
  // A rate or share cannot be added up over areas: only a single top-level area's value counts.
  if (ind.measure === 'relative' && row.n !== 1) return null;
  return { value: clean(row.total), period: row.period };
}

const sourceOf = (inds: IndicatorRow[], period: string, value: string): FrameworkValue => ({
  value,
  source: 'indicator',
  indicatorId: inds[0]!.id,
  indicatorName: inds.map((i) => i.name_de).join('; '),
  period,
  note: null,
});

async function populationPrefill(s: TenantScope): Promise<FrameworkValue | null> {
  for (const ind of await populationIndicators(s)) {
    const v = await latestValue(s, { ...ind, measure: 'absolute' });
    if (v) return sourceOf([ind], v.period, v.value.replace(/\.0+$/, ''));
  }
  return null;
}

async function dimensionLabels(s: TenantScope, indicatorId: string, match: (code: string) => boolean) {
  return (await dimensionsOf(s, indicatorId)).find((d) => match(d.dim)) ?? null;
}

/**
 * The latest value of an indicator as text: the total ('4.321'), or — when the data has no total over
 * one dimension — its values named one by one ('unter 3 Jahre 1.234, 3 bis unter 6 Jahre 2.345'), never
 * a sum the data does not hold.
 */
async function valueText(s: TenantScope, ind: IndicatorRow) {
  const total = await latestValue(s, ind);
  if (total) return { text: withUnit(total.value, ind), period: total.period };
  for (const { dim, values } of await dimensionsOf(s, ind.id)) {
    const parts = await totals(s, ind.id, { byDim: dim });
    const period = parts[0]?.period;
    if (!period || parts.some((p) => p.period !== period || p.n === 0)) continue;
    if (ind.measure === 'relative' && parts.some((p) => p.n !== 1)) continue;
    const byCode = new Map(parts.map((p) => [p.part, clean(p.total)]));
    const items = values
      .filter((v) => byCode.has(v.code))
      .map((v) => `${v.label} ${withUnit(byCode.get(v.code)!, ind)}`);
    if (items.length) return { text: items.join(', '), period };
  }
  return null;
}

/** „unter 3 Jahre 2,9 %, …“: the shares of a dimension's values at the latest period. */
async function sharesText(
  s: TenantScope,
  ind: IndicatorRow,
  match: (code: string) => boolean,
): Promise<{ text: string; period: string } | null> {
  const labels = await dimensionLabels(s, ind.id, match);
  if (!labels) return null;
  const parts = await totals(s, ind.id, { byDim: labels.dim });
  const total = await latestValue(s, { ...ind, measure: 'absolute' });
  const period = parts[0]?.period;
  if (!period || parts.some((p) => p.period !== period)) return null;
  const byCode = new Map(parts.map((p) => [p.part, p.total]));
  const sumOfParts = parts.reduce((a, p) => a + Number(p.total), 0);
  const denominator = total && total.period === period ? Number(total.value) : sumOfParts;
  if (!(denominator > 0)) return null;
  const items = labels.values
    .filter((v) => byCode.has(v.code))
    .map((v) => `${v.label} ${formatGerman(String((100 * Number(byCode.get(v.code))) / denominator), 1)} %`);
  if (!items.length) return null;
  return { text: items.join(', '), period };
}

async function demographyPrefill(s: TenantScope): Promise<FrameworkValue | null> {
  for (const ind of await populationIndicators(s)) {
    const shares = await sharesText(s, ind, (d) => AGE_DIMENSIONS.includes(d));
    const latest = await latestValue(s, { ...ind, measure: 'absolute' });
    const [first] = await totals(s, ind.id, { which: 'first' });
    const sentences: string[] = [];
    if (shares) {
      sentences.push(`Altersgruppen (${periodLabel(shares.period, ind.period_type)}): ${shares.text}.`);
    }
    if (latest && first && first.period < latest.period && Number(first.total) > 0) {
      const change = (100 * (Number(latest.value) - Number(first.total))) / Number(first.total);
      const sign = change > 0 ? '+' : '';
      sentences.push(
        `Einwohnerzahl ${periodLabel(first.period, ind.period_type)} bis ${periodLabel(latest.period, ind.period_type)}: ` +
          `${formatGerman(first.total, 0)} → ${formatGerman(latest.value, 0)} (${sign}${formatGerman(String(change), 1)} %).`,
      );
    }
    if (sentences.length && latest) return sourceOf([ind], latest.period, sentences.join(' '));
  }
  return null;
}

/** One line per indicator with its latest value for the municipality. */
async function linesPrefill(s: TenantScope, inds: IndicatorRow[]): Promise<FrameworkValue | null> {
  const used: IndicatorRow[] = [];
  const lines: string[] = [];
  let period = '';
  for (const ind of inds) {
    if (used.length >= MAX_LINES) break;
    const v = await valueText(s, ind);
    if (!v) continue;
    used.push(ind);
    lines.push(`${ind.name_de}: ${v.text} (${periodLabel(v.period, ind.period_type)})`);
    if (v.period > period) period = v.period;
  }
  return used.length ? sourceOf(used, period, lines.join('; ')) : null;
}

async function migrationPrefill(s: TenantScope): Promise<FrameworkValue | null> {
  // Counts by nationality or migration background: the shares.
  const byDimension = await indicatorsWithDimension(s, MIGRATION_DIMENSION_RE.source);
  for (const ind of byDimension) {
    const shares = await sharesText(s, ind, (d) => MIGRATION_DIMENSION_RE.test(d));
    if (shares) {
      return sourceOf(
        [ind],
        shares.period,
        `${ind.name_de} (${periodLabel(shares.period, ind.period_type)}): ${shares.text}.`,
      );
    }
  }
  // Indicators about migration by their name (e.g. „Ausländische Schülerinnen und Schüler“).
  const byName = await indicatorsNamed(s, MIGRATION_NAME_SQL);
  return linesPrefill(s, byName);
}

async function infrastructurePrefill(s: TenantScope): Promise<FrameworkValue | null> {
  return linesPrefill(s, await indicatorsOfTopics(s, EDUCATION_TOPICS));
}

const PREFILLS: Record<string, (s: TenantScope) => Promise<FrameworkValue | null>> = {
  einwohner: populationPrefill,
  demografie: demographyPrefill,
  migration: migrationPrefill,
  bildungsinfrastruktur: infrastructurePrefill,
};

/** Suggestions for every framework condition of the instrument; null where the monitoring has no source. */
export async function prefillFramework(
  s: TenantScope,
  instrument: InstrumentContent,
): Promise<Record<string, FrameworkValue | null>> {
  const out: Record<string, FrameworkValue | null> = {};
  for (const f of instrument.frameworkConditions) {
    const fill = PREFILLS[f.key];
    const value = fill ? await fill(s) : null;
    // A number field takes only a number.
    out[f.key] = value && f.kind === 'number' && !/^-?\d+(\.\d+)?$/.test(value.value ?? '') ? null : value;
  }
  return out;
}
