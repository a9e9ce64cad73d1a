import { sql } from 'drizzle-orm';
import type { FrameworkValue, InstrumentContent } from '@dkbm/contract';
import { formatGerman } from '@dkbm/domain';
import type { Db } from '../../platform/db/client';
import { rows } from '../../platform/db/sqlRows';

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

interface IndicatorRow {
  id: string;
  name_de: string;
  unit: string;
  decimals: number;
  measure: string;
  period_type: string;
}

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

/**
 * Values of one indicator at its latest (or first) period, summed over the top-level areas that hold
 * data (an area whose parent also has a value is not counted twice). Series whose dimensions are all at
 * their total value; with `byDim`, one row per value of that dimension (its total value excluded).
 */
async function totals(
  db: Db,
  tenantId: string,
  indicatorId: string,
  opts: { byDim?: string; which?: 'latest' | 'first' } = {},
): Promise<Array<{ part: string; period: string; total: string; n: number }>> {
  const byDim = opts.byDim ?? '';
  const agg = opts.which === 'first' ? sql`min` : sql`max`;
  return rows(
    db,
    sql`WITH sel AS (
          SELECT s.id, ${byDim ? sql`s.dims->>${byDim}` : sql`''`} AS part FROM series s
           WHERE s.tenant_id = ${tenantId} AND s.indicator_id = ${indicatorId}
             ${byDim ? sql`AND s.dims ? ${byDim}` : sql``}
             AND NOT EXISTS (
               SELECT 1 FROM jsonb_each_text(s.dims) e
                WHERE NOT EXISTS (
                  SELECT 1 FROM dimensions d JOIN dimension_values v ON v.dimension_id = d.id
                   WHERE d.tenant_id = ${tenantId} AND d.code = e.key AND v.code = e.value
                     AND (v.is_total OR d.code = ${byDim})))
             ${
               byDim
                 ? sql`AND NOT EXISTS (
                         SELECT 1 FROM dimensions d JOIN dimension_values v ON v.dimension_id = d.id
                          WHERE d.tenant_id = ${tenantId} AND d.code = ${byDim}
                            AND v.code = s.dims->>${byDim} AND v.is_total)`
                 : sql``
             }
        ),
        per AS (
          SELECT ${agg}(o.period) AS period FROM observations o
           WHERE o.tenant_id = ${tenantId} AND o.series_id IN (SELECT id FROM sel) AND o.value IS NOT NULL
        ),
        cells AS (
          SELECT sel.part, o.area_id, a.parent_id, o.value FROM observations o
            JOIN sel ON sel.id = o.series_id
            JOIN areas a ON a.id = o.area_id AND a.tenant_id = ${tenantId}
           WHERE o.tenant_id = ${tenantId} AND o.period = (SELECT period FROM per) AND o.value IS NOT NULL
        )
        SELECT c.part, (SELECT period::text FROM per) AS period, sum(c.value)::text AS total,
               count(*)::int AS n
          FROM cells c
         WHERE c.parent_id IS NULL
            OR c.parent_id NOT IN (SELECT c2.area_id FROM cells c2 WHERE c2.part = c.part)
         GROUP BY c.part`,
  );
}

/** The latest value of an indicator for the whole municipality, if it can be said. */
async function latestValue(db: Db, tenantId: string, ind: IndicatorRow) {
  const [row] = await totals(db, tenantId, ind.id);
  if (!row || row.n === 0) return null;
  // A rate or share cannot be added up over areas: only a single top-level area's value counts.
  if (ind.measure === 'relative' && row.n !== 1) return null;
  return { value: clean(row.total), period: row.period };
}

async function indicatorsWhere(db: Db, tenantId: string, where: ReturnType<typeof sql>) {
  return rows<IndicatorRow>(
    db,
    sql`SELECT i.id, i.name_de, i.unit, i.decimals, i.measure, i.period_type FROM indicators i
         WHERE i.tenant_id = ${tenantId} AND (${where})
         ORDER BY i.tier = 'kern' DESC, i.name_de, i.id`,
  );
}

/** Population indicators, the demo's first. */
function populationIndicators(db: Db, tenantId: string) {
  return indicatorsWhere(
    db,
    tenantId,
    sql`i.computed IS NULL AND (i.code = 'bevoelkerung_altersgruppen'
         OR (i.unit IN ('Personen', 'Anzahl') AND i.name_de ILIKE 'Bevölkerung%'))`,
  );
}

const sourceOf = (inds: IndicatorRow[], period: string, value: string): FrameworkValue => ({
  value,
  source: 'indicator',
  indicatorId: inds[0]!.id,
  indicatorName: inds.map((i) => i.name_de).join('; '),
  period,
  note: null,
});

async function populationPrefill(db: Db, tenantId: string): Promise<FrameworkValue | null> {
  for (const ind of await populationIndicators(db, tenantId)) {
    const v = await latestValue(db, tenantId, { ...ind, measure: 'absolute' });
    if (v) return sourceOf([ind], v.period, v.value.replace(/\.0+$/, ''));
  }
  return null;
}

/** Dimensions of an indicator with the codes and labels of their values (in order), without totals. */
async function dimensionsOf(db: Db, tenantId: string, indicatorId: string) {
  const r = await rows<{ dim: string; code: string; label: string }>(
    db,
    sql`SELECT d.code AS dim, v.code, v.label_de AS label
          FROM indicator_dimensions x
          JOIN dimensions d ON d.id = x.dimension_id
          JOIN dimension_values v ON v.dimension_id = d.id
         WHERE x.tenant_id = ${tenantId} AND x.indicator_id = ${indicatorId} AND NOT v.is_total
         ORDER BY x.position, v.sort_order, v.code`,
  );
  const dims = [...new Set(r.map((x) => x.dim))];
  return dims.map((dim) => ({ dim, values: r.filter((x) => x.dim === dim) }));
}

async function dimensionLabels(
  db: Db,
  tenantId: string,
  indicatorId: string,
  match: (code: string) => boolean,
) {
  return (await dimensionsOf(db, tenantId, indicatorId)).find((d) => match(d.dim)) ?? null;
}

/**
 * The latest value of an indicator as text: the total ('4.321'), or — when the data has no total over
 * one dimension — its values named one by one ('unter 3 Jahre 1.234, 3 bis unter 6 Jahre 2.345'), never
 * a sum the data does not hold.
 */
async function valueText(db: Db, tenantId: string, ind: IndicatorRow) {
  const total = await latestValue(db, tenantId, ind);
  if (total) return { text: withUnit(total.value, ind), period: total.period };
  for (const { dim, values } of await dimensionsOf(db, tenantId, ind.id)) {
    const parts = await totals(db, tenantId, ind.id, { byDim: dim });
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
  db: Db,
  tenantId: string,
  ind: IndicatorRow,
  match: (code: string) => boolean,
): Promise<{ text: string; period: string } | null> {
  const labels = await dimensionLabels(db, tenantId, ind.id, match);
  if (!labels) return null;
  const parts = await totals(db, tenantId, ind.id, { byDim: labels.dim });
  const total = await latestValue(db, tenantId, { ...ind, measure: 'absolute' });
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

async function demographyPrefill(db: Db, tenantId: string): Promise<FrameworkValue | null> {
  for (const ind of await populationIndicators(db, tenantId)) {
    const shares = await sharesText(db, tenantId, ind, (d) => AGE_DIMENSIONS.includes(d));
    const latest = await latestValue(db, tenantId, { ...ind, measure: 'absolute' });
    const [first] = await totals(db, tenantId, ind.id, { which: 'first' });
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
async function linesPrefill(db: Db, inds: IndicatorRow[], tenantId: string): Promise<FrameworkValue | null> {
  const used: IndicatorRow[] = [];
  const lines: string[] = [];
  let period = '';
  for (const ind of inds) {
    if (used.length >= MAX_LINES) break;
    const v = await valueText(db, tenantId, ind);
    if (!v) continue;
    used.push(ind);
    lines.push(`${ind.name_de}: ${v.text} (${periodLabel(v.period, ind.period_type)})`);
    if (v.period > period) period = v.period;
  }
  return used.length ? sourceOf(used, period, lines.join('; ')) : null;
}

async function migrationPrefill(db: Db, tenantId: string): Promise<FrameworkValue | null> {
  // Counts by nationality or migration background: the shares.
  const byDimension = await indicatorsWhere(
    db,
    tenantId,
    sql`EXISTS (SELECT 1 FROM indicator_dimensions x JOIN dimensions d ON d.id = x.dimension_id
                 WHERE x.tenant_id = ${tenantId} AND x.indicator_id = i.id
                   AND d.code ~ ${MIGRATION_DIMENSION_RE.source})`,
  );
  for (const ind of byDimension) {
    const shares = await sharesText(db, tenantId, ind, (d) => MIGRATION_DIMENSION_RE.test(d));
    if (shares) {
      return sourceOf(
        [ind],
        shares.period,
        `${ind.name_de} (${periodLabel(shares.period, ind.period_type)}): ${shares.text}.`,
      );
    }
  }
  // Indicators about migration by their name (e.g. „Ausländische Schülerinnen und Schüler“).
  const byName = await indicatorsWhere(db, tenantId, sql`i.name_de ~* ${MIGRATION_NAME_SQL}`);
  return linesPrefill(db, byName, tenantId);
}

async function infrastructurePrefill(db: Db, tenantId: string): Promise<FrameworkValue | null> {
  const inds = await indicatorsWhere(
    db,
    tenantId,
    sql`i.topic IN (${sql.join(
      EDUCATION_TOPICS.map((t) => sql`${t}`),
      sql`, `,
    )})`,
  );
  return linesPrefill(db, inds, tenantId);
}

const PREFILLS: Record<string, (db: Db, tenantId: string) => Promise<FrameworkValue | null>> = {
  einwohner: populationPrefill,
  demografie: demographyPrefill,
  migration: migrationPrefill,
  bildungsinfrastruktur: infrastructurePrefill,
};

/** Suggestions for every framework condition of the instrument; null where the monitoring has no source. */
export async function prefillFramework(
  db: Db,
  tenantId: string,
  instrument: InstrumentContent,
): Promise<Record<string, FrameworkValue | null>> {
  const out: Record<string, FrameworkValue | null> = {};
  for (const f of instrument.frameworkConditions) {
    const fill = PREFILLS[f.key];
    const value = fill ? await fill(db, tenantId) : null;
    // A number field takes only a number.
    out[f.key] = value && f.kind === 'number' && !/^-?\d+(\.\d+)?$/.test(value.value ?? '') ? null : value;
  }
  return out;
}
