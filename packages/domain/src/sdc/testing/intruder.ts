/**
 * The intruder of the tests (shares no code with the implementation): from a published table (values,
 * '.' for withheld) and linear relations the intruder believes, it computes for every withheld cell the
 * interval of values consistent with everything published, by linear programming (HiGHS, CPLEX LP text
 * format), and rounds the ends to integers (counts).
 *
 * Verdicts per withheld cell: exactly recovered (one integer left), and for primary cells whether the
 * interval covers the protection range [1, threshold].
 */
import loadHighs from 'highs';

export interface IntruderRelation {
  /** Σ coef · x  (= or ≤)  0 over cell ids. */
  terms: readonly (readonly [string, number])[];
  op: '=' | '<=';
  /**
   * Involves a flagged cell and rests on what the relation's family shows elsewhere. If the relations
   * of a component contradict the publication, the intruder drops these (a contradiction proves one
   * of them wrong) and tries again.
   */
  assumed?: boolean;
}

export interface IntruderInput {
  /** Published value per cell id; null = withheld or flagged (unknown). */
  published: ReadonlyMap<string, number | null>;
  /** Lower bound the intruder assumes for an unknown cell (default 0; 1 for withheld counts). */
  floor: (id: string) => number;
  relations: readonly IntruderRelation[];
}

export interface Interval {
  lo: number;
  hi: number;
}

const TOL = 1e-6;

/** Integer range [ceil(lo), floor(hi)] of an LP interval. */
export function integerRange(iv: Interval): [number, number] {
  return [Math.ceil(iv.lo - TOL), Math.floor(iv.hi + TOL)];
}

export function isExact(iv: Interval): boolean {
  const [a, b] = integerRange(iv);
  return b - a < 1;
}

/** The interval covers [1, threshold]. */
export function coversRange(iv: Interval, threshold: number): boolean {
  const [a, b] = integerRange(iv);
  return a <= 1 && b >= threshold;
}

let solver: ReturnType<typeof loadHighs> | null = null;

/** Intervals of the unknown cells that appear in at least one relation. */
export async function intruderIntervals(
  input: IntruderInput,
  only?: Iterable<string>,
): Promise<Map<string, Interval>> {
  const highs = await (solver ??= loadHighs());
  const unknown = (id: string) => input.published.get(id) === null;
  // Rows over unknown cells with the published part moved to the right-hand side.
  const rows: { vars: Map<string, number>; op: '=' | '<='; rhs: number; assumed: boolean }[] = [];
  for (const rel of input.relations) {
    const vars = new Map<string, number>();
    let rhs = 0;
    for (const [id, coef] of rel.terms) {
      const v = input.published.get(id);
      if (v === undefined) throw new Error(`intruder: unknown cell ${id}`);
      if (v === null) vars.set(id, (vars.get(id) ?? 0) + coef);
      else rhs -= coef * v;
    }
    for (const [id, c] of vars) if (c === 0) vars.delete(id);
    if (vars.size) rows.push({ vars, op: rel.op, rhs, assumed: rel.assumed === true });
  }
  // Connected components (union–find over the cells of each row).
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const row of rows) {
    const ids = [...row.vars.keys()];
    for (const id of ids) if (!parent.has(id)) parent.set(id, id);
    for (const id of ids.slice(1)) parent.set(find(id), find(ids[0]!));
  }
  const comps = new Map<string, { cells: Set<string>; rows: typeof rows }>();
  for (const id of parent.keys()) {
    const r = find(id);
    if (!comps.has(r)) comps.set(r, { cells: new Set(), rows: [] });
    comps.get(r)!.cells.add(id);
  }
  for (const row of rows) comps.get(find(row.vars.keys().next().value!))!.rows.push(row);

  const wanted = only ? new Set(only) : null;
  const out = new Map<string, Interval>();
  for (const comp of comps.values()) {
    const cells = [...comp.cells].filter((id) => unknown(id));
    if (wanted && !cells.some((id) => wanted.has(id))) continue;
    const name = new Map(cells.map((id, i) => [id, `x${i}`]));
    const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(17));
    const bounds = cells.map((id) => {
      const f = input.floor(id);
      return f === -Infinity ? ` ${name.get(id)} free` : ` ${name.get(id)} >= ${num(f)}`;
    });
    const program = (sense: string, id: string, rowsUsed: typeof comp.rows) => {
      const st = rowsUsed.map((row, i) => {
        const lhs = [...row.vars]
          .map(([v, c]) => `${c < 0 ? '-' : '+'} ${num(Math.abs(c))} ${name.get(v)}`)
          .join(' ');
        return ` r${i}: ${lhs} ${row.op === '=' ? '=' : '<='} ${num(row.rhs)}`;
      });
      return `${sense}\n obj: ${name.get(id)}\nSubject To\n${st.join('\n')}\nBounds\n${bounds.join('\n')}\nEnd\n`;
    };
    let rowsUsed = comp.rows;
    for (const id of cells) {
      if (wanted && !wanted.has(id)) continue;
      const ends: number[] = [];
      for (const sense of ['Minimize', 'Maximize']) {
        let r = highs.solve(program(sense, id, rowsUsed), { output_flag: false });
        if (r.Status === 'Infeasible' && rowsUsed.some((row) => row.assumed)) {
          rowsUsed = rowsUsed.filter((row) => !row.assumed);
          r = highs.solve(program(sense, id, rowsUsed), { output_flag: false });
        }
        if (r.Status === 'Optimal') ends.push(r.ObjectiveValue);
        else if (r.Status === 'Unbounded') ends.push(sense === 'Minimize' ? -Infinity : Infinity);
        else
          throw new Error(`intruder: LP ${r.Status} for ${id} (relations contradict the published table?)`);
      }
      out.set(id, { lo: ends[0]!, hi: ends[1]! });
    }
  }
  return out;
}

/**
 * The protection range of a primary cell: [1, threshold], narrowed only where the table's structure
 * itself ends (`structural`: the cell's interval if every count ≥ 1 were withheld — no publication can
 * give more, e.g. a total of two withheld cells is ≥ 2 whatever is published).
 */
export function protectionRange(threshold: number, structural: Interval): [number, number] {
  const [a, b] = integerRange(structural);
  return [Math.max(1, a), Math.min(threshold, b)];
}

/** The interval covers the protection range. */
export function covers(iv: Interval, range: readonly [number, number]): boolean {
  const [a, b] = integerRange(iv);
  return a <= range[0] && b >= range[1];
}

export interface Verdict {
  /** Withheld cells whose value the intruder recovers exactly. */
  exact: string[];
  /** Primary cells whose interval does not cover their protection range. */
  insufficient: string[];
  intervals: Map<string, Interval>;
}

/**
 * The intruder's verdict on a protected table. `truth`: every cell's true value (null = flagged by the
 * source); `withheld`: the cells published as '.'; `primary`: the small ones among them. Withheld cells
 * and '.'-flagged cells are ≥ 1 for the intruder, other flagged cells ≥ 0.
 */
export async function intruderVerdict(args: {
  truth: ReadonlyMap<string, number | null>;
  withheld: ReadonlySet<string>;
  primary: ReadonlySet<string>;
  relations: readonly IntruderRelation[];
  threshold: number;
  /** Lower bound of a cell where the default (1 withheld, 0 flagged) does not hold. */
  floor?: (id: string) => number | undefined;
  /** Judge only these withheld cells (default: all). */
  only?: ReadonlySet<string>;
}): Promise<Verdict> {
  const { truth, withheld, primary, relations, threshold, only } = args;
  const floor = (id: string) => args.floor?.(id) ?? (withheld.has(id) ? 1 : 0);
  const published = new Map([...truth].map(([id, v]) => [id, withheld.has(id) ? null : v]));
  const judged = [...withheld].filter((id) => !only || only.has(id));
  const intervals = await intruderIntervals({ published, floor, relations }, judged);
  // Where [1, T] is not covered: the most any publication could give (every count ≥ 1 withheld).
  const short = judged.filter(
    (id) => primary.has(id) && !covers(intervals.get(id) ?? { lo: 1, hi: Infinity }, [1, threshold]),
  );
  const everything = new Map(
    [...truth].map(([id, v]) => [id, v !== null && v >= 1 && Number.isInteger(v) ? null : v]),
  );
  const structural = short.length
    ? await intruderIntervals(
        {
          published: everything,
          floor: (id) => args.floor?.(id) ?? (truth.get(id) === null ? 0 : 1),
          relations,
        },
        short,
      )
    : new Map<string, Interval>();
  const exact: string[] = [];
  const insufficient: string[] = [];
  for (const id of judged) {
    const iv = intervals.get(id) ?? { lo: 1, hi: Infinity };
    const v = truth.get(id);
    if (v !== null && v !== undefined && (v < iv.lo - TOL || v > iv.hi + TOL)) {
      throw new Error(`intruder: true value ${v} of ${id} outside [${iv.lo}, ${iv.hi}] (relations untrue?)`);
    }
    if (isExact(iv)) exact.push(id);
    if (primary.has(id)) {
      const st = structural.get(id) ?? { lo: 1, hi: Infinity };
      if (!covers(iv, protectionRange(threshold, st))) insufficient.push(id);
    }
  }
  return { exact: exact.toSorted(), insufficient: insufficient.toSorted(), intervals };
}

/**
 * The relations an intruder who knows the structure could hold true, checked against the true table
 * (independently of the implementation's facts.ts): the equation where it holds, otherwise each of
 * Σ parts ≤ total, total ≤ Σ parts and part ≤ total that holds. A relation with flagged cells (whose
 * truth nobody knows) is taken in the strongest form no fully known relation of its family contradicts.
 */
export function trueRelations(
  truth: ReadonlyMap<string, number | null>,
  relations: readonly { total: string; parts: readonly string[]; family?: string }[],
): IntruderRelation[] {
  type Form = 'eq' | 'partsLe' | 'totalLe' | 'part';
  const holds = (t: number, ps: number[]): Record<Form, boolean> => {
    const sum = ps.reduce((a, b) => a + b, 0);
    return { eq: sum === t, partsLe: sum <= t, totalLe: t <= sum, part: ps.every((p) => p <= t) };
  };
  const known = (r: { total: string; parts: readonly string[] }) => {
    const t = truth.get(r.total);
    const ps = r.parts.map((p) => truth.get(p));
    return t === null || t === undefined || ps.some((p) => p === null || p === undefined)
      ? null
      : { t, ps: ps as number[] };
  };
  const contradicted = new Map<string, Set<Form>>();
  for (const r of relations) {
    const k = known(r);
    if (!k) continue;
    const h = holds(k.t, k.ps);
    const set = contradicted.get(r.family ?? '') ?? new Set<Form>();
    for (const f of ['eq', 'partsLe', 'totalLe', 'part'] as const) if (!h[f]) set.add(f);
    contradicted.set(r.family ?? '', set);
  }
  const out: IntruderRelation[] = [];
  for (const r of relations) {
    const k = known(r);
    const bad = contradicted.get(r.family ?? '') ?? new Set<Form>();
    const h: Record<Form, boolean> = k
      ? holds(k.t, k.ps)
      : {
          eq: !bad.has('eq'),
          partsLe: !bad.has('partsLe'),
          totalLe: !bad.has('totalLe'),
          part: !bad.has('part'),
        };
    const assumed = !k;
    const eq: IntruderRelation = {
      terms: [[r.total, 1], ...r.parts.map((p) => [p, -1] as const)],
      op: '=',
      assumed,
    };
    if (h.eq) {
      out.push(eq);
      continue;
    }
    if (h.partsLe) {
      out.push({ terms: [[r.total, -1], ...r.parts.map((p) => [p, 1] as const)], op: '<=', assumed });
    }
    if (h.totalLe) out.push({ terms: eq.terms, op: '<=', assumed });
    if (r.parts.length > 1) {
      const tv = truth.get(r.total);
      r.parts.forEach((p) => {
        const pv = truth.get(p);
        const bothKnown = tv !== null && tv !== undefined && pv !== null && pv !== undefined;
        if (bothKnown ? pv <= tv : h.part) {
          out.push({
            terms: [
              [p, 1],
              [r.total, -1],
            ],
            op: '<=',
            assumed: !bothKnown,
          });
        }
      });
    }
  }
  return out;
}
