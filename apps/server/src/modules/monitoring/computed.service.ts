import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { IndicatorTopic } from '@dkbm/contract';
import {
  ComputeError,
  computeIndicator,
  parseDefinitionsFile,
  type Cell,
  type ComputedDefinition,
  type Flag,
  type PeriodType,
} from '@dkbm/domain';
import type { Db, Tx } from '../../platform/db/client';
import { catalogueIndicators, dimensions, indicatorDimensions, indicators } from '../../platform/db/schema';
import { rows } from '../../platform/db/sqlRows';
import { HttpError } from '../../platform/http/errors';
import { dimsKeyOf } from '../imports/dimsKey';
import { touchIndicators } from './catalog.service';

import type { IndicatorRow } from './catalog.service';

/** Every observation of an indicator as compute cells; `areaCode` carries the area id. */
export async function loadCells(tx: Db | Tx, tenantId: string, ind: Pick<IndicatorRow, 'id' | 'periodType'>) {
  const r = await rows<{
    area_id: string;
    period: string;
    dims: Record<string, string>;
    value: string | null;
    flag: string | null;
  }>(
    tx,
    sql`SELECT o.area_id, o.period::text AS period, s.dims, o.value::text AS value, o.flag
          FROM observations o JOIN series s ON s.id = o.series_id
         WHERE s.tenant_id = ${tenantId} AND s.indicator_id = ${ind.id}`,
  );
  const type = ind.periodType as PeriodType;
  return r.map((o): Cell => ({
    areaCode: o.area_id,
    period: { type, date: o.period },
    dims: o.dims,
    value: o.value,
    flag: (o.flag as Flag | null) ?? null,
  }));
}

export function definitionOf(ind: Pick<IndicatorRow, 'computed'>): ComputedDefinition | null {
  return (ind.computed as ComputedDefinition | null) ?? null;
}

/** Write the result of a computed indicator: all its observations are replaced. */
async function storeCells(tx: Tx, tenantId: string, indicatorId: string, cells: Cell[]) {
  await tx.execute(sql`DELETE FROM observations o USING series s
                        WHERE o.series_id = s.id AND s.tenant_id = ${tenantId} AND s.indicator_id = ${indicatorId}`);
  const keys = new Map<string, Record<string, string>>();
  for (const c of cells) keys.set(dimsKeyOf(c.dims), c.dims);
  for (const [dimsKey, dims] of keys) {
    await tx.execute(sql`INSERT INTO series (tenant_id, indicator_id, dims, dims_key)
                          VALUES (${tenantId}, ${indicatorId}, ${JSON.stringify(dims)}::jsonb, ${dimsKey})
                          ON CONFLICT (tenant_id, indicator_id, dims_key) DO NOTHING`);
  }
  const ser = await rows<{ id: number; dims_key: string }>(
    tx,
    sql`SELECT id, dims_key FROM series WHERE tenant_id = ${tenantId} AND indicator_id = ${indicatorId}`,
  );
  const seriesId = new Map(ser.map((s) => [s.dims_key, s.id]));
  for (let i = 0; i < cells.length; i += 1000) {
    const chunk = cells.slice(i, i + 1000);
    const values = chunk.map(
      (c) =>
        sql`(${tenantId}::uuid, ${seriesId.get(dimsKeyOf(c.dims))}::bigint, ${c.areaCode}::uuid, ${c.period.date}::date, ${c.value}::numeric, ${c.flag})`,
    );
    await tx.execute(sql`INSERT INTO observations (tenant_id, series_id, area_id, period, value, flag)
                          VALUES ${sql.join(values, sql`, `)}`);
  }
  // Dimensions of the result: those of the inputs that stayed free.
  const dimCodes = new Set(cells.flatMap((c) => Object.keys(c.dims)));
  await tx.execute(sql`DELETE FROM indicator_dimensions WHERE indicator_id = ${indicatorId}`);
  if (dimCodes.size) {
    const dims = await tx
      .select({ id: dimensions.id, code: dimensions.code })
      .from(dimensions)
      .where(and(eq(dimensions.tenantId, tenantId), inArray(dimensions.code, [...dimCodes])));
    if (dims.length) {
      await tx
        .insert(indicatorDimensions)
        .values(dims.map((d, i) => ({ tenantId, indicatorId, dimensionId: d.id, position: i })));
    }
  }
}

async function indicatorsByCode(tx: Db | Tx, tenantId: string, codes: string[]) {
  if (!codes.length) return new Map<string, IndicatorRow>();
  const r = await tx
    .select()
    .from(indicators)
    .where(and(eq(indicators.tenantId, tenantId), inArray(indicators.code, codes)));
  return new Map(r.map((i) => [i.code, i]));
}

export interface RecomputeOptions {
  /**
   * What an input indicator that does not exist (yet) means: 'error' refuses (a typo in a definition),
   * 'clear' leaves the indicator without values until the input is imported (catalogue indicators and
   * dependents recomputed after an import or undo).
   */
  missingInputs?: 'error' | 'clear';
}

/** Compute one computed indicator from the current values of its inputs and store the result. */
export async function recomputeIndicator(
  tx: Tx,
  tenantId: string,
  ind: IndicatorRow,
  opts: RecomputeOptions = {},
) {
  const def = definitionOf(ind);
  if (!def) return { cells: 0, warnings: [] as string[], missing: [] as string[] };
  const inputCodes = [...new Set(Object.values(def.inputs).map((i) => i.indicator))];
  const byCode = await indicatorsByCode(tx, tenantId, inputCodes);
  const missing = inputCodes.filter((c) => !byCode.has(c));
  if (missing.length) {
    if (opts.missingInputs !== 'clear') {
      const [name, sel] = Object.entries(def.inputs).find(([, s]) => !byCode.has(s.indicator))!;
      throw new HttpError(
        400,
        'unknown_input',
        `Indikator ${def.code}: Der Eingangsindikator „${sel.indicator}“ (${name}) existiert nicht.`,
      );
    }
    await storeCells(tx, tenantId, ind.id, []);
    await touchIndicators(tx, tenantId, [ind.id]);
    return { cells: 0, warnings: [] as string[], missing };
  }
  const inputs: Record<string, Cell[]> = {};
  const cache = new Map<string, Cell[]>();
  for (const [name, sel] of Object.entries(def.inputs)) {
    const input = byCode.get(sel.indicator)!;
    if (!cache.has(input.id)) cache.set(input.id, await loadCells(tx, tenantId, input));
    inputs[name] = cache.get(input.id)!;
  }
  const result = computeIndicator(def, inputs);
  await storeCells(tx, tenantId, ind.id, result.cells);
  // Without an explicit periodType the result has the periods of the driving input: keep the column in
  // step (an indicator defined before its inputs were imported got a default).
  const driving = def.inputs[def.periodsFrom ?? Object.keys(def.inputs)[0]!];
  const periodType = def.periodType ?? (driving ? byCode.get(driving.indicator)?.periodType : undefined);
  if (periodType && periodType !== ind.periodType) {
    await tx.update(indicators).set({ periodType }).where(eq(indicators.id, ind.id));
  }
  await touchIndicators(tx, tenantId, [ind.id]);
  return { cells: result.cells.length, warnings: result.warnings, missing: [] as string[] };
}

/**
 * Recompute every computed indicator that depends (directly or through other computed indicators)
 * on one of `changedIds`, inputs before dependents. Returns the recomputed codes.
 */
export async function recomputeDependents(tx: Tx, tenantId: string, changedIds: string[]): Promise<string[]> {
  if (!changedIds.length) return [];
  const all = await tx
    .select()
    .from(indicators)
    .where(and(eq(indicators.tenantId, tenantId), isNotNull(indicators.computed)));
  if (!all.length) return [];
  const changedCodes = new Set(
    (
      await tx
        .select({ code: indicators.code })
        .from(indicators)
        .where(and(eq(indicators.tenantId, tenantId), inArray(indicators.id, changedIds)))
    ).map((i) => i.code),
  );
  const done: string[] = [];
  const pending = new Set(all.map((i) => i.code));
  // Catalogue indicators never block an import: when the data do not fit their definition (a renamed
  // dimension value in a newer export), they stay without values and the catalogue status says why.
  const fromCatalogue = new Set(
    (
      await tx
        .select({ id: catalogueIndicators.indicatorId })
        .from(catalogueIndicators)
        .where(eq(catalogueIndicators.tenantId, tenantId))
    ).map((r) => r.id),
  );
  const depsOf = (i: IndicatorRow) => Object.values(definitionOf(i)!.inputs).map((s) => s.indicator);
  // Simple fixed point: a computed indicator is recomputed once all of its computed inputs are settled.
  let progress = true;
  while (progress) {
    progress = false;
    for (const ind of all) {
      if (!pending.has(ind.code)) continue;
      const deps = depsOf(ind);
      if (deps.some((d) => pending.has(d))) continue;
      pending.delete(ind.code);
      progress = true;
      if (deps.some((d) => changedCodes.has(d))) {
        // An input that is still missing (a catalogue indicator waiting for its tables, an input whose
        // import was undone) leaves the dependent without values instead of failing the import.
        try {
          await recomputeIndicator(tx, tenantId, ind, { missingInputs: 'clear' });
        } catch (e) {
          if (!(e instanceof ComputeError) || !fromCatalogue.has(ind.id)) throw e;
          await storeCells(tx, tenantId, ind.id, []);
          await touchIndicators(tx, tenantId, [ind.id]);
        }
        changedCodes.add(ind.code);
        done.push(ind.code);
      }
    }
  }
  if (pending.size) {
    throw new HttpError(
      400,
      'cyclic_definitions',
      `Berechnete Indikatoren hängen im Kreis voneinander ab: ${[...pending].join(', ')}.`,
    );
  }
  return done;
}

/** Create or update computed indicators from a definitions file and compute them. */
export async function applyDefinitions(db: Db, tenantId: string, text: string, fileName: string) {
  let defs: ComputedDefinition[];
  try {
    // jsonb does not keep the order of object keys: make "the first input drives the periods" explicit.
    defs = parseDefinitionsFile(text, fileName).map((d) => ({
      ...d,
      periodsFrom: d.periodsFrom ?? Object.keys(d.inputs)[0]!,
    }));
  } catch (e) {
    throw new HttpError(400, 'invalid_definitions', (e as Error).message);
  }
  return db.transaction(async (tx) => {
    const created: string[] = [];
    const updated: string[] = [];
    const warnings: string[] = [];
    let observations = 0;
    const existing = await indicatorsByCode(
      tx,
      tenantId,
      defs.map((d) => d.code),
    );
    for (const def of defs) {
      const meta = (def.meta ?? {}) as Record<string, unknown>;
      const str = (k: string) => (typeof meta[k] === 'string' ? (meta[k] as string) : undefined);
      const firstInput = Object.values(def.inputs)[0];
      const inputRow = firstInput
        ? (await indicatorsByCode(tx, tenantId, [firstInput.indicator])).get(firstInput.indicator)
        : undefined;
      const values = {
        nameDe: def.name.de,
        nameEn: def.name.en ?? null,
        description: def.description ?? null,
        unit: def.unit,
        decimals: def.decimals,
        computed: def,
        periodType: def.periodType ?? inputRow?.periodType ?? 'year',
        measure: str('measure') ?? (/%|prozent|je |pro /i.test(def.unit) ? 'relative' : 'absolute'),
        topic: (str('topic') as IndicatorTopic | undefined) ?? inputRow?.topic ?? 'grundinformationen',
        ...(str('tier') ? { tier: str('tier')! } : {}),
        ...(str('polarity') ? { polarity: str('polarity')! } : {}),
        ...(str('kind') ? { kind: str('kind')! } : {}),
        ...(str('visibility') ? { visibility: str('visibility')! } : {}),
        ...(str('source') ? { source: str('source')! } : {}),
        ...(str('licence') ? { licence: str('licence')! } : {}),
        // A rate is not a count: its small values are protected through its inputs.
        sdcThreshold: 0,
        updatedAt: sql`now()` as never,
      };
      let row = existing.get(def.code);
      if (row) {
        if (!row.computed) {
          throw new HttpError(
            409,
            'not_computed',
            `${fileName}: Der Indikator ${def.code} besteht bereits als importierter Indikator und kann nicht durch eine Berechnung ersetzt werden.`,
          );
        }
        [row] = await tx.update(indicators).set(values).where(eq(indicators.id, row.id)).returning();
        updated.push(def.code);
      } else {
        [row] = await tx
          .insert(indicators)
          .values({ tenantId, code: def.code, ...values })
          .returning();
        created.push(def.code);
      }
      const r = await recomputeIndicator(tx, tenantId, row!);
      observations += r.cells;
      warnings.push(...r.warnings.map((w) => `${def.code}: ${w}`));
      const dependents = await recomputeDependents(tx, tenantId, [row!.id]);
      if (dependents.length) warnings.push(`${def.code}: neu berechnet auch ${dependents.join(', ')}`);
    }
    return { created, updated, observations, warnings };
  });
}
