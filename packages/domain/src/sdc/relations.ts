/**
 * From a table description (cells by area × dimension values, area hierarchy, dimension totals) to
 * cell ids and additive relations.
 *
 * Cell id scheme: `${areaId}|${dim1}=${value1};${dim2}=${value2}…` with the dimensions sorted by key
 * (UTF-16 code units) and every component percent-escaped for `%`, `|`, `;`, `=`. A table without
 * dimensions has ids `${areaId}|`. Example: cellId('01', { sex: 'w', age: 'u6' }) = '01|age=u6;sex=w'.
 *
 * Relations:
 *  - area: for every parent in `areaChildren` and every dimension combination the parent has a cell
 *    for: parent = Σ children (same combination). The map must list complete partitions only.
 *  - dimension: for every cell whose value of dimension d is its total (or a subtotal): that cell =
 *    Σ cells with the same area and other dimension values, d running over the parts. The parts of the
 *    total are all values of d except the total and the members of subtotals; the parts of a subtotal
 *    are its listed members (subtotals may nest).
 * Every part a relation needs must exist as a cell (use value null for unknown values), otherwise
 * buildRelations throws. A relation whose total cell is absent is not generated.
 */
import type { SdcCell, SdcRelation } from './types';

export interface SdcGridCell {
  areaId: string;
  /** Dimension key → value key; exactly the dimensions of the grid. */
  dims: Readonly<Record<string, string>>;
  /** Exact decimal string or null (flagged). */
  value: string | null;
}

export interface SdcDimension {
  key: string;
  /** Value key of the total (e.g. 'insgesamt'), if the dimension has one. */
  total?: string;
  /** Subtotal value key → its member value keys (complete partitions), e.g. { u18: ['u6', '6_15', '15_18'] }. */
  subtotals?: Readonly<Record<string, readonly string[]>>;
  /** All value keys (default: the values found in the cells, in order of first appearance). */
  values?: readonly string[];
}

export interface SdcGrid {
  cells: readonly SdcGridCell[];
  /** Parent area → child areas; only complete partitions. */
  areaChildren: ReadonlyMap<string, readonly string[]> | Readonly<Record<string, readonly string[]>>;
  dimensions: readonly SdcDimension[];
}

const SPECIAL = /[%|;=]/;
const escapePart = (s: string): string =>
  SPECIAL.test(s) ? s.replace(/[%|;=]/g, (ch) => `%${ch.charCodeAt(0).toString(16)}`) : s;

/** Sorted dimension keys as used in ids. */
function sortedKeys(keys: Iterable<string>): string[] {
  return [...keys].toSorted((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Id function for a fixed set of dimension keys (faster than cellId for whole grids). */
function idMaker(
  dimKeys: Iterable<string>,
): (areaId: string, dims: Readonly<Record<string, string>>) => string {
  const keys = sortedKeys(dimKeys).map((k) => [k, escapePart(k)] as const);
  return (areaId, dims) => {
    let id = `${escapePart(areaId)}|`;
    keys.forEach(([k, ek], i) => {
      id += `${i > 0 ? ';' : ''}${ek}=${escapePart(dims[k]!)}`;
    });
    return id;
  };
}

/** Id of the cell (areaId, dims); see the scheme above. */
export function cellId(areaId: string, dims: Readonly<Record<string, string>> = {}): string {
  return idMaker(Object.keys(dims))(areaId, dims);
}

function childrenMap(grid: SdcGrid): Map<string, readonly string[]> {
  const ac = grid.areaChildren;
  if (ac instanceof Map) return new Map(ac);
  return new Map(Object.entries(ac as Readonly<Record<string, readonly string[]>>));
}

/** Checks the grid (dimensions, duplicates) and returns its cells with their ids, in input order. */
export function gridCells(grid: SdcGrid): SdcCell[] {
  const dimKeys = new Set(grid.dimensions.map((d) => d.key));
  if (dimKeys.size !== grid.dimensions.length) throw new Error('Dimension doppelt / duplicate dimension');
  const seen = new Set<string>();
  const makeId = idMaker(dimKeys);
  return grid.cells.map((cell) => {
    const keys = Object.keys(cell.dims);
    if (keys.length !== dimKeys.size || keys.some((k) => !dimKeys.has(k))) {
      throw new Error(
        `Zelle ${cellId(cell.areaId, cell.dims)}: Dimensionen passen nicht zur Tabelle / dimensions do not match`,
      );
    }
    const id = makeId(cell.areaId, cell.dims);
    if (seen.has(id)) throw new Error(`Zelle ${id} ist doppelt / duplicate cell`);
    seen.add(id);
    return { id, value: cell.value };
  });
}

/** Additive relations of the grid (area relations first, then dimension relations; input order). */
export function buildRelations(grid: SdcGrid): SdcRelation[] {
  return relationsOf(grid, gridCells(grid));
}

/** buildRelations with the cells of gridCells(grid) already at hand. */
export function relationsOf(grid: SdcGrid, cells: readonly SdcCell[]): SdcRelation[] {
  const ids = new Set(cells.map((c) => c.id));
  const relations: SdcRelation[] = [];
  const need = (id: string, total: string): string => {
    if (!ids.has(id)) {
      throw new Error(
        `Zelle ${id} fehlt (Teil von ${total}); unbekannte Werte als null angeben / missing cell`,
      );
    }
    return id;
  };
  // Ids from pre-escaped pieces: `${area}|${k1=v1;k2=v2…}` (sorted keys), see idMaker.
  const keys = sortedKeys(grid.dimensions.map((d) => d.key));
  const esc = new Map<string, string>();
  const e = (x: string): string => {
    let r = esc.get(x);
    if (r === undefined) esc.set(x, (r = escapePart(x)));
    return r;
  };
  const pieces = grid.cells.map((cell) => keys.map((k) => `${e(k)}=${e(cell.dims[k]!)}`));
  const dimsKeys = pieces.map((p) => p.join(';'));

  const byArea = new Map<string, number[]>();
  grid.cells.forEach((cell, i) => {
    let list = byArea.get(cell.areaId);
    if (!list) byArea.set(cell.areaId, (list = []));
    list.push(i);
  });
  for (const [parent, children] of childrenMap(grid)) {
    if (children.length === 0) continue;
    if (new Set(children).size !== children.length || children.includes(parent)) {
      throw new Error(`Gebiet ${parent}: Teilgebiete doppelt oder zyklisch / invalid partition`);
    }
    const childPrefixes = children.map((ch) => `${e(ch)}|`);
    for (const i of byArea.get(parent) ?? []) {
      const dk = dimsKeys[i]!;
      const total = `${e(parent)}|${dk}`;
      relations.push({
        total,
        parts: childPrefixes.map((cp) => need(cp + dk, total)),
        family: `area:${parent}`,
      });
    }
  }

  for (const dim of grid.dimensions) {
    const subtotals = new Map(Object.entries(dim.subtotals ?? {}));
    if (dim.total === undefined && subtotals.size === 0) continue;
    const values: string[] = dim.values
      ? [...dim.values]
      : [...new Set(grid.cells.map((c) => c.dims[dim.key]!))];
    const members = new Set<string>();
    for (const [sub, list] of subtotals) {
      if (list.length === 0 || list.includes(sub)) {
        throw new Error(`Dimension ${dim.key}: Zwischensumme ${sub} ungültig / invalid subtotal`);
      }
      for (const v of list) members.add(v);
    }
    const partsOf = new Map<string, string[]>();
    for (const [sub, list] of subtotals) partsOf.set(sub, [...list]);
    if (dim.total !== undefined) {
      partsOf.set(
        dim.total,
        values.filter((v) => v !== dim.total && !members.has(v)),
      );
    }
    const pos = keys.indexOf(dim.key);
    const ek = e(dim.key);
    grid.cells.forEach((cell, i) => {
      const parts = partsOf.get(cell.dims[dim.key]!);
      if (!parts || parts.length === 0) return;
      const prefix = `${e(cell.areaId)}|`;
      const total = prefix + dimsKeys[i]!;
      const before = pieces[i]!.slice(0, pos).join(';');
      const after = pieces[i]!.slice(pos + 1).join(';');
      relations.push({
        total,
        family: `dim:${dim.key}`,
        parts: parts.map((v) => {
          let id = prefix + before;
          if (pos > 0) id += ';';
          id += `${ek}=${e(v)}`;
          if (after) id += `;${after}`;
          return need(id, total);
        }),
      });
    });
  }
  return relations;
}
