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
 *    breakdown) and the other values (`dim:<code>` / `dim:<code>:none`).
 */
import { primarySuppression, secondarySuppression, type SdcCell, type SdcRelation } from '@dkbm/domain';
import { dimsKeyOf } from '../imports/dimsKey';

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

/**
 * The table of one period. `children`: parent area → child areas; `totals`: dimension code → the code
 * of its total value (only dimensions with exactly one).
 */
export function disclosureTable(
  period: string,
  obs: readonly TableObservation[],
  children: ReadonlyMap<string, readonly string[]>,
  totals: ReadonlyMap<string, string>,
): DisclosureTable {
  const id = (o: { dims_key: string; area_id: string }) => disclosureCellId(o.dims_key, o.area_id, period);
  // '-' (nichts vorhanden) is a published zero; '.' hides a value the public may take as ≥ 1 (like a
  // withheld cell); other signs hide a value ≥ 0.
  const cells = obs.map((o) =>
    o.flag === '-'
      ? { id: id(o), value: '0' }
      : o.value === null
        ? { id: id(o), value: null, min: o.flag === '.' ? 1 : 0 }
        : { id: id(o), value: o.value },
  );
  const present = new Set(cells.map((c) => c.id));
  const relations: SdcRelation[] = [];

  const dimsKeys = new Set(obs.map((o) => o.dims_key));
  const areasWithData = new Set(obs.map((o) => o.area_id));
  for (const [parent, kids] of children) {
    if (!areasWithData.has(parent)) continue;
    for (const dk of dimsKeys) {
      const total = disclosureCellId(dk, parent, period);
      if (!present.has(total)) continue;
      const parts = kids.map((k) => disclosureCellId(dk, k, period)).filter((p) => present.has(p));
      if (parts.length) relations.push({ total, parts, family: `area:${parent}` });
    }
  }

  const dimCodes = new Set(obs.flatMap((o) => Object.keys(o.dims)));
  for (const dim of dimCodes) {
    const totalValue = totals.get(dim);
    const groups = new Map<string, { total: string | null; none: string | null; parts: string[] }>();
    const group = (key: string) => {
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { total: null, none: null, parts: [] }));
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
      if (v === totalValue) g.total = id(o);
      else g.parts.push(id(o));
    }
    for (const g of groups.values()) {
      if (g.total && g.parts.length) relations.push({ total: g.total, parts: g.parts, family: `dim:${dim}` });
      if (g.none && g.parts.length)
        relations.push({ total: g.none, parts: g.parts, family: `dim:${dim}:none` });
      if (g.none && g.total) relations.push({ total: g.none, parts: [g.total], family: `dim:${dim}:both` });
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
