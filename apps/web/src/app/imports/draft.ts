import type {
  AreaLevel,
  ImportAnalysis,
  ImportOptions,
  ImportRunDetail,
  IndicatorTopic,
} from '@dkbm/contract';

import type { TidyMapping } from '@dkbm/contract';

export type { PeriodType, TableInspection, TidyMapping } from '@dkbm/contract';

export type StatisticsAnalysis = Extract<ImportAnalysis, { kind: 'statistics' }>;
export type BoundariesAnalysis = Extract<ImportAnalysis, { kind: 'boundaries' }>;

export interface MeasureDraft {
  code: string;
  nameDe: string;
  topic: IndicatorTopic | '';
  skip: boolean;
}

/** The user's decisions on the run page; kept while the run is re-analysed. */
export interface Draft {
  measures: Record<string, MeasureDraft>;
  /** Only names the user edited (dimension key → name). */
  dimensionNames: Record<string, string>;
  /** source key → area id ('' = not mapped). */
  keyMappings: Record<string, string>;
  saveKeyMappings: boolean;
  skipUnmatched: boolean;
  createAreas: boolean;
  level: AreaLevel | '';
  keyProperty: string;
  nameProperty: string;
  crs: string;
  layer: string;
  validFrom: string;
  validTo: string;
  parentAreaId: string;
  /** The last column mapping the user checked (to prefill the form when it is changed). */
  mapping: TidyMapping | null;
}

export function initialDraft(run: ImportRunDetail): Draft {
  const o: ImportOptions = run.options ?? {};
  const a = run.analysis;
  const measures: Record<string, MeasureDraft> = {};
  if (a?.kind === 'statistics') {
    for (const m of a.measures) {
      const ov = o.indicators?.find((i) => i.key === m.key);
      measures[m.key] = {
        code: ov?.code ?? m.suggestedCode,
        nameDe: ov?.nameDe ?? m.name,
        topic: ov?.topic ?? '',
        skip: ov?.skip ?? false,
      };
    }
  }
  return {
    measures,
    dimensionNames: { ...o.dimensionNames },
    keyMappings: Object.fromEntries((o.keyMappings ?? []).map((k) => [k.sourceKey, k.areaId])),
    saveKeyMappings: o.saveKeyMappings ?? false,
    skipUnmatched: o.skipUnmatched ?? false,
    createAreas: analysedCreateAreas(run),
    level: o.level ?? (a?.kind === 'boundaries' ? a.level : ''),
    keyProperty: o.keyProperty ?? (a?.kind === 'boundaries' ? (a.keyProperty ?? '') : ''),
    nameProperty: o.nameProperty ?? (a?.kind === 'boundaries' ? (a.nameProperty ?? '') : ''),
    crs: o.crs ?? '',
    layer: o.layer ?? '',
    validFrom: o.validFrom ?? '',
    validTo: o.validTo ?? '',
    parentAreaId: o.parentAreaId ?? '',
    mapping: (o.mapping as TidyMapping | undefined) ?? null,
  };
}

/** „Unbekannte Gebiete anlegen“ as the analysis used it (the server's default depends on the file). */
export function analysedCreateAreas(run: ImportRunDetail): boolean {
  const a = run.analysis;
  return run.options?.createAreas ?? (a?.kind === 'statistics' ? a.createAreas : undefined) ?? true;
}

/**
 * How many values a commit with this draft writes: the cells of imported measures whose key has an
 * area, plus the cells of keys the user maps by hand. Null for analyses that do not carry the counts.
 */
export function valuesToWrite(a: StatisticsAnalysis, d: Draft): number | null {
  if (a.measures.some((m) => m.writable === undefined)) return null;
  const active = a.measures.filter((m) => !measureDraft(d, m).skip);
  let n = active.reduce((sum, m) => sum + (m.writable ?? 0), 0);
  for (const u of a.keys.unmatched) {
    if (!d.keyMappings[u.code]) continue;
    for (const m of active) n += u.byMeasure?.[m.key] ?? 0;
  }
  return n;
}

/** Measures default to the analysis' suggestion until the user edits them. */
export function measureDraft(draft: Draft, m: StatisticsAnalysis['measures'][number]): MeasureDraft {
  return draft.measures[m.key] ?? { code: m.suggestedCode, nameDe: m.name, topic: '', skip: false };
}

/** Boundary options that change the key report: a change needs a new check before the import. */
export function boundarySettings(d: Draft): ImportOptions {
  return {
    ...(d.level ? { level: d.level } : {}),
    ...(d.keyProperty ? { keyProperty: d.keyProperty } : {}),
    ...(d.nameProperty ? { nameProperty: d.nameProperty } : {}),
    ...(d.crs ? { crs: d.crs } : {}),
    ...(d.layer ? { layer: d.layer } : {}),
    ...(d.validFrom ? { validFrom: d.validFrom } : {}),
  };
}

/** True when the boundary settings of the draft differ from those the analysis was made with. */
export function boundariesChanged(d: Draft, run: ImportRunDetail): boolean {
  const a = run.analysis;
  if (a?.kind !== 'boundaries') return false;
  const o = run.options ?? {};
  return (
    (d.level || a.level) !== a.level ||
    (d.keyProperty || a.keyProperty || '') !== (a.keyProperty ?? '') ||
    (d.nameProperty || a.nameProperty || '') !== (a.nameProperty ?? '') ||
    d.crs !== (o.crs ?? '') ||
    d.layer !== (o.layer ?? '') ||
    d.validFrom !== (o.validFrom ?? '')
  );
}

/** The options of the commit: the analysed ones plus every decision of the draft. */
export function commitOptions(run: ImportRunDetail, d: Draft): ImportOptions {
  const a = run.analysis;
  const unmatched = new Set(a?.keys.unmatched.map((u) => u.code) ?? []);
  const keyMappings = Object.entries(d.keyMappings)
    .filter(([k, v]) => v && unmatched.has(k))
    .map(([sourceKey, areaId]) => ({ sourceKey, areaId }));
  const base: ImportOptions = {
    ...run.options,
    createAreas: d.createAreas,
    skipUnmatched: d.skipUnmatched,
    saveKeyMappings: d.saveKeyMappings && keyMappings.length > 0,
    keyMappings,
  };
  if (a?.kind === 'statistics') {
    const dimensionNames: Record<string, string> = {};
    for (const dim of a.dimensions) {
      const n = d.dimensionNames[dim.key]?.trim();
      if (n && n !== dim.name) dimensionNames[dim.key] = n;
    }
    return {
      ...base,
      indicators: a.measures.map((m) => {
        const md = measureDraft(d, m);
        return {
          key: m.key,
          code: md.code.trim(),
          nameDe: md.nameDe.trim(),
          ...(md.topic ? { topic: md.topic } : {}),
          ...(md.skip ? { skip: true } : {}),
        };
      }),
      dimensionNames,
    };
  }
  return {
    ...base,
    ...boundarySettings(d),
    validTo: d.validTo || null,
    parentAreaId: d.parentAreaId || null,
  };
}
