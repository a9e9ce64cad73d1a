/**
 * Statistical disclosure control of one count indicator (ADR 0006): per period, all areas × dimension
 * combinations form one table. Its structural relations are handed to @dkbm/domain, which decides from
 * the data which linear facts they stand for (sum, or only inequalities) and withholds cells so that
 * an intruder who knows all of them cannot narrow a small count down.
 *
 * Relations:
 *  - area: a parent area and those of its child areas that have a cell (`area:<parent>`);
 *  - dimension: per area and combination of the other dimensions, the total (the value marked as total,
 *    or the cell that lacks the dimension altogether, as GENESIS tables store „insgesamt“ over an age
 *    breakdown) and the other values (`dim:<code>` / `dim:<code>:none`); values labelled „dar.“ /
 *    „darunter“ („of which“) are subsets of the total, not parts of its sum (`dim:<code>:of`).
 */
import {
  dimsKeyOf,
  primarySuppression,
  secondarySuppression,
  type SdcCell,
  type SdcRelation,
} from '@dkbm/domain';

/** Value codes of „dar. …“ / „darunter …“ (of which): a subset of the total, not a part of its sum. */
const OF_WHICH = /^(dar|darunter)_/;

export interface TableObservation {
  area_id: string;
  dims: Record<string, string>;
  dims_key: string;
  value: string | null;
  flag: string | null;
}

/** Id of a cell within the tables of one indicator. */
export const disclosureCellId = (dimsKey: string, areaId: string, period: string): string =>
  `${period}|${areaId}|${dimsKey}`;

export interface DisclosureTable {
  cells: (SdcCell & { min?: number })[];
  relations: SdcRelation[];
}

/** The cells of one period's table. */
export function disclosureCells(period: string, obs: readonly TableObservation[]): SdcCell[] {
  // '-' (nichts vorhanden) is a published zero; other signs hide a value ≥ 0 (an official '.' may hide
  // a zero: 22541-01-01-4, Lahn-Dill-Kreis 1994).
  return obs.map((o) => {
    const id = disclosureCellId(o.dims_key, o.area_id, period);
    return o.flag === '-' ? { id, value: '0' } : { id, value: o.value };
  });
}

/**
 * The table of one period. `children`: parent area → child areas; `totals`: dimension code → the codes
 * of its values marked as total (a dimension shared by several tables may have more than one, e.g.
 * „insgesamt“ and „insgesamt (ohne Doppelzählungen)“; each is a total of the other values).
 */
export function disclosureTable(
  period: string,
  obs: readonly TableObservation[],
  children: ReadonlyMap<string, readonly string[]>,
  totals: ReadonlyMap<string, ReadonlySet<string>>,
): DisclosureTable {
  const id = (o: { dims_key: string; area_id: string }) => disclosureCellId(o.dims_key, o.area_id, period);
  const cells = disclosureCells(period, obs);
  const present = new Set(cells.map((c) => c.id));
  const valueOf = new Map(cells.map((c) => [c.id, c.value]));
  const relations: SdcRelation[] = [];

  const dimsKeys = new Set(obs.map((o) => o.dims_key));
  const areasWithData = new Set(obs.map((o) => o.area_id));
  for (const [parent, kids] of children) {
    if (!areasWithData.has(parent)) continue;
    for (const dk of dimsKeys) {
      const total = disclosureCellId(dk, parent, period);
      if (!present.has(total)) continue;
      const cellOf = (area: string) => disclosureCellId(dk, area, period);
      const withCells = kids.filter((k) => present.has(cellOf(k)));
      const parts = withCells.map(cellOf);
      if (parts.length) relations.push({ total, parts, family: `area:${parent}` });
      // A child without a value of its own ('-' or a sign) whose sub-areas have values stands for them:
      // before the 2009 reform Aachen's values are under the city 05334002, the Kreis 05334 is '-'.
      let expanded = false;
      const deep = withCells.flatMap((k) => {
        const v = valueOf.get(cellOf(k));
        const subs = (children.get(k) ?? []).filter((g) => present.has(cellOf(g)));
        if ((v !== '0' && v !== null) || !subs.length) return [cellOf(k)];
        expanded = true;
        return subs.map(cellOf);
      });
      if (expanded) relations.push({ total, parts: deep, family: `area:${parent}:deep` });
    }
  }

  const dimCodes = new Set(obs.flatMap((o) => Object.keys(o.dims)));
  for (const dim of dimCodes) {
    const totalValues = totals.get(dim) ?? new Set<string>();
    const groups = new Map<
      string,
      { totals: string[]; none: string | null; parts: string[]; subsets: string[] }
    >();
    const group = (key: string) => {
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { totals: [], none: null, parts: [], subsets: [] }));
      return g;
    };
    for (const o of obs) {
      const v = o.dims[dim];
      if (v === undefined) {
        group(`${o.area_id}|${o.dims_key}`).none = id(o);
        continue;
      }
      const rest = { ...o.dims };
      delete rest[dim];
      const g = group(`${o.area_id}|${dimsKeyOf(rest)}`);
      if (totalValues.has(v)) g.totals.push(id(o));
      else if (OF_WHICH.test(v)) g.subsets.push(id(o));
      else g.parts.push(id(o));
    }
    for (const g of groups.values()) {
      const all = g.none ? [...g.totals, g.none] : g.totals;
      for (const total of all) {
        const family = `dim:${dim}${total === g.none ? ':none' : ''}`;
        if (g.parts.length) relations.push({ total, parts: g.parts, family });
        for (const sub of g.subsets) relations.push({ total, parts: [sub], family: `${family}:of` });
      }
      // Two totals of the same cells (e.g. the empty value and „insgesamt“) relate to each other.
      for (let i = 1; i < all.length; i++) {
        relations.push({ total: all[0]!, parts: [all[i]!], family: `dim:${dim}:both` });
      }
    }
  }
  return { cells, relations };
}

export interface Protection {
  /** Cell ids (disclosureCellId) withheld in public views. */
  withheld: Set<string>;
  primary: number;
  secondary: number;
  /** Withheld cells whose protection range could not be reached (only zeros or fixed values around). */
  unprotectable: number;
}

/** Primary and secondary suppression of one table. */
export async function protectDisclosureTable(table: DisclosureTable, threshold: number): Promise<Protection> {
  const primary = primarySuppression(table.cells, { threshold });
  if (!primary.size) return { withheld: new Set(), primary: 0, secondary: 0, unprotectable: 0 };
  const result = await secondarySuppression(table.cells, table.relations, primary, { threshold });
  return {
    withheld: new Set([...result.primary, ...result.secondary]),
    primary: result.primary.size,
    secondary: result.secondary.size,
    unprotectable: result.unprotectable?.length ?? 0,
  };
}
