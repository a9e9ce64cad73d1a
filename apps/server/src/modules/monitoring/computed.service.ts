import type { TenantScope } from '../../platform/tenancy/scope';
import type { IndicatorTopic } from '@dkbm/contract';
import {
  ComputeError,
  computeIndicator,
  parseDefinitionsFile,
  type Cell,
  type ComputedDefinition,
} from '@dkbm/domain';
import { HttpError } from '../../platform/http/errors';
import {
  catalogueIndicatorIds,
  computedIndicators,
  indicatorByCode as indicatorsByCode,
  indicatorCodes,
  indicatorsByCodes,
  insertIndicator,
  setIndicator,
  touchIndicators,
} from './catalog.repo';
import { definitionOf } from './computedDefinition';

export { definitionOf };

import type { IndicatorRow } from './catalog.service';
import { loadCells, storeCells } from './computed.repo';

export interface RecomputeOptions {
  /**
   * What an input indicator that does not exist (yet) means: 'error' refuses (a typo in a definition),
   * 'clear' leaves the indicator without values until the input is imported (catalogue indicators and
   * dependents recomputed after an import or undo).
   */
  missingInputs?: 'error' | 'clear';
}

/** Compute one computed indicator from the current values of its inputs and store the result. */
export async function recomputeIndicator(s: TenantScope, ind: IndicatorRow, opts: RecomputeOptions = {}) {
  const def = definitionOf(ind);
  if (!def) return { cells: 0, warnings: [] as string[], missing: [] as string[] };
  const inputCodes = [...new Set(Object.values(def.inputs).map((i) => i.indicator))];
  const byCode = new Map((await indicatorsByCodes(s, inputCodes)).map((i) => [i.code, i]));
  const missing = inputCodes.filter((c) => !byCode.has(c));
  if (missing.length) {
    if (opts.missingInputs !== 'clear') {
      const [name, sel] = Object.entries(def.inputs).find(([, x]) => !byCode.has(x.indicator))!;
      throw new HttpError(
        400,
        'unknown_input',
        `Indikator ${def.code}: Der Eingangsindikator „${sel.indicator}“ (${name}) existiert nicht.`,
      );
    }
    await storeCells(s, ind.id, []);
    await touchIndicators(s, [ind.id]);
    return { cells: 0, warnings: [] as string[], missing };
  }
  const inputs: Record<string, Cell[]> = {};
  const cache = new Map<string, Cell[]>();
  for (const [name, sel] of Object.entries(def.inputs)) {
    const input = byCode.get(sel.indicator)!;
    if (!cache.has(input.id)) cache.set(input.id, await loadCells(s, input));
    inputs[name] = cache.get(input.id)!;
  }
  const result = computeIndicator(def, inputs);
  await storeCells(s, ind.id, result.cells);
  // Without an explicit periodType the result has the periods of the driving input: keep the column in
  // step (an indicator defined before its inputs were imported got a default).
  const driving = def.inputs[def.periodsFrom ?? Object.keys(def.inputs)[0]!];
  const periodType = def.periodType ?? (driving ? byCode.get(driving.indicator)?.periodType : undefined);
  if (periodType && periodType !== ind.periodType) await setIndicator(s, ind.id, { periodType });
  await touchIndicators(s, [ind.id]);
  return { cells: result.cells.length, warnings: result.warnings, missing: [] as string[] };
}

/**
 * Recompute every computed indicator that depends (directly or through other computed indicators)
 * on one of `changedIds`, inputs before dependents. Returns the recomputed codes.
 */
export async function recomputeDependents(s: TenantScope, changedIds: string[]): Promise<string[]> {
  if (!changedIds.length) return [];
  const all = await computedIndicators(s);
  if (!all.length) return [];
  const changedCodes = new Set(await indicatorCodes(s, changedIds));
  const done: string[] = [];
  const pending = new Set(all.map((i) => i.code));
  // Catalogue indicators never block an import: when the data do not fit their definition (a renamed
  // dimension value in a newer export), they stay without values and the catalogue status says why.
  const fromCatalogue = new Set(await catalogueIndicatorIds(s));
  const depsOf = (i: IndicatorRow) => Object.values(definitionOf(i)!.inputs).map((x) => x.indicator);
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
          await recomputeIndicator(s, ind, { missingInputs: 'clear' });
        } catch (e) {
          if (!(e instanceof ComputeError) || !fromCatalogue.has(ind.id)) throw e;
          await storeCells(s, ind.id, []);
          await touchIndicators(s, [ind.id]);
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
export async function applyDefinitions(s: TenantScope, text: string, fileName: string) {
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
  return s.transaction(async (tx) => {
    const created: string[] = [];
    const updated: string[] = [];
    const warnings: string[] = [];
    let observations = 0;
    const existing = new Map(
      (
        await indicatorsByCodes(
          tx,
          defs.map((d) => d.code),
        )
      ).map((i) => [i.code, i]),
    );
    for (const def of defs) {
      const meta = (def.meta ?? {}) as Record<string, unknown>;
      const str = (k: string) => (typeof meta[k] === 'string' ? (meta[k] as string) : undefined);
      const firstInput = Object.values(def.inputs)[0];
      const inputRow = firstInput
        ? ((await indicatorsByCode(tx, firstInput.indicator)) ?? undefined)
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
        row = await setIndicator(tx, row.id, values);
        updated.push(def.code);
      } else {
        row = await insertIndicator(tx, { code: def.code, ...values });
        created.push(def.code);
      }
      const r = await recomputeIndicator(tx, row!);
      observations += r.cells;
      warnings.push(...r.warnings.map((w) => `${def.code}: ${w}`));
      const dependents = await recomputeDependents(tx, [row!.id]);
      if (dependents.length) warnings.push(`${def.code}: neu berechnet auch ${dependents.join(', ')}`);
    }
    return { created, updated, observations, warnings };
  });
}

/**
 * Values another module derives from its own data (e.g. the Versorgungsquote of the entitlement plan per
 * planning unit and school year): every value of the indicator is replaced, its coverage and data version
 * updated, and indicators computed from it are recomputed — the same path as a computed indicator.
 */
export async function storeDerivedValues(
  s: TenantScope,
  ind: Pick<IndicatorRow, 'id' | 'periodType'>,
  values: ReadonlyArray<{ areaId: string; period: string; value: string | null }>,
): Promise<void> {
  const type = ind.periodType as Cell['period']['type'];
  await storeCells(
    s,
    ind.id,
    values.map((v) => ({
      areaCode: v.areaId,
      period: { type, date: v.period },
      dims: {},
      value: v.value,
      flag: null,
    })),
  );
  await touchIndicators(s, [ind.id]);
  await recomputeDependents(s, [ind.id]);
}
