/**
 * Test tables: area tree × dimensions (with totals), leaf counts from a seeded generator, all
 * aggregates computed by summing. The relations are derived here independently of buildRelations.
 */
import { createRng } from '../../demo/rng';
import { cellId } from '../relations';
import type { SdcGrid } from '../relations';
import type { SdcRelation } from '../types';

export interface TableSpec {
  /** Parent → children; the root is the area that is nobody's child. */
  areas: Record<string, string[]>;
  /** Single area when `areas` is empty. */
  root?: string;
  dims: { key: string; values: string[]; total?: string }[];
}

export interface TestTable {
  grid: SdcGrid;
  relations: SdcRelation[];
  truth: Map<string, number>;
}

type Combo = Record<string, string>;

function combos(dims: TableSpec['dims']): Combo[] {
  let out: Combo[] = [{}];
  for (const d of dims) {
    const vals = d.total ? [...d.values, d.total] : d.values;
    out = out.flatMap((c) => vals.map((v) => ({ ...c, [d.key]: v })));
  }
  return out;
}

function allAreas(spec: TableSpec): string[] {
  const children = new Set(Object.values(spec.areas).flat());
  const roots = Object.keys(spec.areas).filter((a) => !children.has(a));
  const order: string[] = [];
  const visit = (a: string) => {
    order.push(a);
    for (const c of spec.areas[a] ?? []) visit(c);
  };
  for (const r of roots.length ? roots : [spec.root ?? 'A']) visit(r);
  return order;
}

/** Leaf distribution with many small counts. */
export function smallCounts(rng: () => number): number {
  const p = rng();
  if (p < 0.12) return 0;
  if (p < 0.45) return 1 + Math.floor(rng() * 4);
  if (p < 0.75) return 5 + Math.floor(rng() * 11);
  return 16 + Math.floor(rng() * 45);
}

export function makeTable(spec: TableSpec, seed: number, leaf = smallCounts): TestTable {
  const rng = createRng(seed);
  const areas = allAreas(spec);
  const leafValues = new Map<string, number>();
  const memo = new Map<string, number>();
  const value = (area: string, combo: Combo): number => {
    const key = cellId(area, combo);
    const known = memo.get(key);
    if (known !== undefined) return known;
    const v = compute(area, combo);
    memo.set(key, v);
    return v;
  };
  const compute = (area: string, combo: Combo): number => {
    const kids = spec.areas[area];
    if (kids && kids.length) return kids.reduce((s, k) => s + value(k, combo), 0);
    const d = spec.dims.find((x) => x.total !== undefined && combo[x.key] === x.total);
    if (d) return d.values.reduce((s, v) => s + value(area, { ...combo, [d.key]: v }), 0);
    const id = cellId(area, combo);
    if (!leafValues.has(id)) leafValues.set(id, leaf(rng));
    return leafValues.get(id)!;
  };
  // Draw leaves in a fixed order so that the table depends on the seed only.
  const all = combos(spec.dims);
  for (const area of areas) for (const c of all) value(area, c);
  const truth = new Map<string, number>();
  const cells = areas.flatMap((area) =>
    all.map((c) => {
      const v = value(area, c);
      truth.set(cellId(area, c), v);
      return { areaId: area, dims: c, value: String(v) };
    }),
  );
  const relations: SdcRelation[] = [];
  for (const [parent, kids] of Object.entries(spec.areas)) {
    for (const c of all) relations.push({ total: cellId(parent, c), parts: kids.map((k) => cellId(k, c)) });
  }
  for (const area of areas) {
    for (const d of spec.dims) {
      if (!d.total) continue;
      for (const c of all) {
        if (c[d.key] !== d.total) continue;
        relations.push({
          total: cellId(area, c),
          parts: d.values.map((v) => cellId(area, { ...c, [d.key]: v })),
        });
      }
    }
  }
  return {
    grid: {
      cells,
      areaChildren: spec.areas,
      dimensions: spec.dims.map((d) => ({ key: d.key, total: d.total })),
    },
    relations,
    truth,
  };
}

/** Canonical text of a relation set (order-independent) for comparisons. */
export function relationKeys(relations: readonly SdcRelation[]): string[] {
  return relations.map((r) => `${r.total}=${r.parts.toSorted().join('+')}`).toSorted();
}
