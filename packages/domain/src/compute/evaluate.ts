/**
 * Evaluation of a computed indicator over input cells.
 *
 * - Selection: an input's cells are filtered by its fixed dims; a list of values is summed (flag rules of
 *   flags.ts). Dimensions not fixed stay free and are carried by the output.
 * - Join: inputs are joined on their common free dims; an input without free dims broadcasts.
 * - Periods: output periods come from `periodsFrom` (default: first input); every other input's period
 *   is resolved with its period rule. `periodType` converts the output period's type.
 * - Areas: an area gets a value only when every input has a usable cell for it; otherwise it is skipped
 *   and a warning counts the skipped areas per missing input (never a silent zero).
 * - Values: the formula runs on exact decimals and is rounded half-up to `decimals` once, at the end.
 */
import type { Period } from '../statistics/types';
import { roundDecHalfUp } from './decimal';
import { ComputeError } from './errors';
import { evaluateFormula, compileFormula } from './formula';
import type { CompiledFormula } from './formula';
import { operandFromCell, sumOperands } from './flags';
import type { Operand } from './flags';
import {
  comparePeriods,
  convertPeriod,
  describeTarget,
  periodKey,
  periodLabel,
  periodPhrase,
  resolveInputPeriodDetailed,
} from './periods';
import { validateDefinition } from './definitions';
import type { Cell, ComputedDefinition, ComputeResult, InputSelector, SkippedAreas } from './types';

export interface ComputeOptions {
  /** How many area codes a warning lists at most (default 10). */
  maxListedAreas?: number;
}

/** A selected group: an operand, or 'incomplete' when a listed dim value (or the value itself) is missing. */
type Slot = Operand | 'incomplete';

interface PeriodData {
  period: Period;
  /** area → combo key → slot */
  areas: Map<string, Map<string, Slot>>;
  /** combo key → free dim values */
  combos: Map<string, Record<string, string>>;
}

interface SelectedInput {
  name: string;
  indicator: string;
  rule: NonNullable<InputSelector['period']>;
  freeDims: string[];
  byPeriod: Map<string, PeriodData>;
}

const ABSENT = '\u0000';

function comboKey(dims: Readonly<Record<string, string>>, keys: readonly string[]): string {
  return keys.map((k) => dims[k] ?? ABSENT).join('\u0001');
}

function comboDims(dims: Readonly<Record<string, string>>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = dims[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** True when the cell's dims satisfy the selector's fixed dims. */
export function matchesSelector(cell: Pick<Cell, 'dims'>, selector: Pick<InputSelector, 'dims'>): boolean {
  for (const [k, v] of Object.entries(selector.dims ?? {})) {
    const have = cell.dims[k];
    if (have === undefined) return false;
    if (Array.isArray(v) ? !v.includes(have) : v !== have) return false;
  }
  return true;
}

function selectInput(
  def: ComputedDefinition,
  name: string,
  selector: InputSelector,
  cells: readonly Cell[],
): SelectedInput {
  const fixed = Object.entries(selector.dims ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v : [v]] as const);
  const dimKeys: string[] = [];
  const valuesByDim = new Map<string, Set<string>>();
  for (const c of cells) {
    for (const [k, v] of Object.entries(c.dims)) {
      let set = valuesByDim.get(k);
      if (!set) {
        set = new Set();
        valuesByDim.set(k, set);
        dimKeys.push(k);
      }
      set.add(v);
    }
  }
  for (const [k, values] of fixed) {
    const have = valuesByDim.get(k);
    if (!have) {
      throw new ComputeError({
        code: 'dim_unknown',
        indicator: def.code,
        de: `Indikator ‚${def.code}‘: Der Eingang ‚${name}‘ (${selector.indicator}) hat keine Dimension ‚${k}‘ (vorhanden: ${dimKeys.join(', ') || 'keine'})`,
        en: `Indicator '${def.code}': the input '${name}' (${selector.indicator}) has no dimension '${k}' (present: ${dimKeys.join(', ') || 'none'})`,
      });
    }
    for (const v of values) {
      if (!have.has(v)) {
        const known = [...have].slice(0, 20).join(', ');
        throw new ComputeError({
          code: 'dim_value_unknown',
          indicator: def.code,
          de: `Indikator ‚${def.code}‘: Den Wert ‚${v}‘ der Dimension ‚${k}‘ gibt es im Eingang ‚${name}‘ (${selector.indicator}) nicht (vorhanden: ${known})`,
          en: `Indicator '${def.code}': the value '${v}' of dimension '${k}' does not occur in input '${name}' (${selector.indicator}) (present: ${known})`,
        });
      }
    }
  }
  const fixedKeys = fixed.map(([k]) => k);
  const freeDims = dimKeys.filter((k) => !fixedKeys.includes(k));
  const expectedParts = fixed.reduce((n, [, vs]) => n * vs.length, 1);

  // period → area → combo → part (fixed values) → cell
  const groups = new Map<string, { period: Period; areas: Map<string, Map<string, Map<string, Cell>>> }>();
  const combos = new Map<string, Map<string, Record<string, string>>>();
  for (const c of cells) {
    if (!matchesSelector(c, selector)) continue;
    const pk = periodKey(c.period);
    let g = groups.get(pk);
    if (!g) {
      g = { period: c.period, areas: new Map() };
      groups.set(pk, g);
      combos.set(pk, new Map());
    }
    let byCombo = g.areas.get(c.areaCode);
    if (!byCombo) {
      byCombo = new Map();
      g.areas.set(c.areaCode, byCombo);
    }
    const ck = comboKey(c.dims, freeDims);
    combos.get(pk)!.set(ck, comboDims(c.dims, freeDims));
    let parts = byCombo.get(ck);
    if (!parts) {
      parts = new Map();
      byCombo.set(ck, parts);
    }
    const part = comboKey(c.dims, fixedKeys);
    if (parts.has(part)) {
      throw new ComputeError({
        code: 'duplicate_cell',
        indicator: def.code,
        de: `Indikator ‚${def.code}‘: Der Eingang ‚${name}‘ (${selector.indicator}) hat für Gebiet ${c.areaCode}, ${periodLabel(c.period)} und ${JSON.stringify(c.dims)} zwei Zellen`,
        en: `Indicator '${def.code}': the input '${name}' (${selector.indicator}) has two cells for area ${c.areaCode}, ${periodLabel(c.period, 'en')} and ${JSON.stringify(c.dims)}`,
      });
    }
    parts.set(part, c);
  }

  const byPeriod = new Map<string, PeriodData>();
  for (const [pk, g] of groups) {
    const areas = new Map<string, Map<string, Slot>>();
    for (const [area, byCombo] of g.areas) {
      const slots = new Map<string, Slot>();
      for (const [ck, parts] of byCombo) {
        if (parts.size < expectedParts) {
          slots.set(ck, 'incomplete');
          continue;
        }
        const ops = [...parts.values()].map(operandFromCell);
        if (ops.some((o) => o === null)) {
          slots.set(ck, 'incomplete');
          continue;
        }
        const operands = ops as Operand[];
        slots.set(ck, expectedParts === 1 ? operands[0]! : sumOperands(operands));
      }
      areas.set(area, slots);
    }
    byPeriod.set(pk, { period: g.period, areas, combos: combos.get(pk)! });
  }
  return { name, indicator: selector.indicator, rule: selector.period ?? 'same', freeDims, byPeriod };
}

/** Natural join of free-dim assignments. */
function joinCombos(lists: ReadonlyArray<ReadonlyArray<Record<string, string>>>): Record<string, string>[] {
  let acc: Record<string, string>[] = [{}];
  for (const list of lists) {
    const next: Record<string, string>[] = [];
    for (const a of acc) {
      for (const b of list) {
        let ok = true;
        for (const [k, v] of Object.entries(b)) {
          if (k in a && a[k] !== v) {
            ok = false;
            break;
          }
        }
        if (ok) next.push({ ...a, ...b });
      }
    }
    acc = next;
  }
  return acc;
}

function listAreas(codes: readonly string[], max: number): string {
  return codes.length <= max
    ? codes.join(', ')
    : `${codes.slice(0, max).join(', ')} … (+${codes.length - max})`;
}

function areasSkipped(n: number): string {
  return n === 1 ? '1 Gebiet wurde übersprungen' : `${n} Gebiete wurden übersprungen`;
}

function dimsText(d: Record<string, string>): string {
  return Object.entries(d)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/** Validate and compile a definition once (throws `DefinitionError`). */
export function prepareDefinition(def: ComputedDefinition): {
  def: ComputedDefinition;
  formula: CompiledFormula;
} {
  const valid = validateDefinition(def);
  return { def: valid, formula: compileFormula(valid.formula, Object.keys(valid.inputs), valid.code) };
}

/**
 * Compute an indicator. `inputs[name]` holds all cells of that input's indicator (all areas, periods,
 * dims). Throws `DefinitionError` for an invalid definition and `ComputeError` when the data do not fit
 * the definition (unknown dimension or value, duplicate cells); gaps in the data become warnings.
 */
export function computeIndicator(
  definition: ComputedDefinition,
  inputs: Readonly<Record<string, readonly Cell[]>>,
  options: ComputeOptions = {},
): ComputeResult {
  const { def, formula } = prepareDefinition(definition);
  const maxListed = options.maxListedAreas ?? 10;
  const warnings: string[] = [];
  const warningsEn: string[] = [];
  const skipped: SkippedAreas[] = [];
  const warn = (de: string, en: string): void => {
    warnings.push(de);
    warningsEn.push(en);
  };

  const names = Object.keys(def.inputs);
  const driverName = def.periodsFrom ?? names[0]!;
  const selected = new Map<string, SelectedInput>();
  for (const name of names) {
    const selector = def.inputs[name]!;
    const cells = inputs[name];
    if (cells === undefined) {
      throw new ComputeError({
        code: 'input_missing',
        indicator: def.code,
        de: `Indikator ‚${def.code}‘: Für den Eingang ‚${name}‘ (${selector.indicator}) wurden keine Zellen übergeben`,
        en: `Indicator '${def.code}': no cells were passed for the input '${name}' (${selector.indicator})`,
      });
    }
    if (cells.length === 0) {
      warn(
        `Für den Eingang ‚${name}‘ (${selector.indicator}) liegen keine Daten vor; ‚${def.code}‘ wurde nicht berechnet.`,
        `The input '${name}' (${selector.indicator}) has no data; '${def.code}' was not computed.`,
      );
      continue;
    }
    selected.set(name, selectInput(def, name, selector, cells));
  }
  if (selected.size < names.length) return { cells: [], warnings, warningsEn, skipped };

  const driver = selected.get(driverName)!;
  const others = names.filter((n) => n !== driverName).map((n) => selected.get(n)!);
  const ordered = [driver, ...others];
  const available = new Map(ordered.map((s) => [s.name, [...s.byPeriod.values()].map((d) => d.period)]));
  const driverPeriods = [...driver.byPeriod.values()].map((d) => d.period).toSorted(comparePeriods);

  const out: Cell[] = [];
  const producedBy = new Map<string, Period>();
  for (const p of driverPeriods) {
    const outPeriod = def.periodType ? convertPeriod(p, def.periodType) : p;
    const ok = producedBy.get(periodKey(outPeriod));
    if (ok) {
      throw new ComputeError({
        code: 'period_collision',
        indicator: def.code,
        de: `Indikator ‚${def.code}‘: Die Perioden ${periodLabel(ok)} und ${periodLabel(p)} ergeben beide die Ausgabeperiode ${periodLabel(outPeriod)} (periodType ‚${def.periodType}‘)`,
        en: `Indicator '${def.code}': the periods ${periodLabel(ok, 'en')} and ${periodLabel(p, 'en')} both map to the output period ${periodLabel(outPeriod, 'en')} (periodType '${def.periodType}')`,
      });
    }
    producedBy.set(periodKey(outPeriod), p);
    const driverData = driver.byPeriod.get(periodKey(p))!;

    // Resolve every other input's period.
    const data = new Map<string, PeriodData>([[driver.name, driverData]]);
    let unresolved = false;
    for (const s of others) {
      const r = resolveInputPeriodDetailed(p, s.rule, available.get(s.name)!);
      if (r.period) {
        data.set(s.name, s.byPeriod.get(periodKey(r.period))!);
        continue;
      }
      unresolved = true;
      const areaCodes = [...driverData.areas.keys()];
      const target = describeTarget(p, s.rule, 'de');
      const targetEn = describeTarget(p, s.rule, 'en');
      const amb = r.reason === 'ambiguous';
      const cand = r.candidates.map((c) => periodLabel(c)).join(', ');
      warn(
        amb
          ? `${periodLabel(outPeriod)}: Der Zeitbezug des Eingangs ‚${s.name}‘ (${s.indicator}) ${target} ist nicht eindeutig (${cand}); ${areasSkipped(areaCodes.length)}.`
          : `${periodLabel(outPeriod)}: Der Eingang ‚${s.name}‘ (${s.indicator}) fehlt ${target}; ${areasSkipped(areaCodes.length)}.`,
        amb
          ? `${periodLabel(outPeriod, 'en')}: the period of input '${s.name}' (${s.indicator}) ${targetEn} is ambiguous (${r.candidates.map((c) => periodLabel(c, 'en')).join(', ')}); ${areaCodes.length} area(s) skipped.`
          : `${periodLabel(outPeriod, 'en')}: the input '${s.name}' (${s.indicator}) is missing ${targetEn}; ${areaCodes.length} area(s) skipped.`,
      );
      skipped.push({
        period: outPeriod,
        input: s.name,
        indicator: s.indicator,
        inputPeriod: null,
        areaCodes,
      });
    }
    if (unresolved) continue;

    // Join the free dims of all inputs.
    const comboLists = ordered.map((s) => [...data.get(s.name)!.combos.values()]);
    const joined = joinCombos(comboLists);
    ordered.forEach((s, i) => {
      const unmatched = comboLists[i]!.filter(
        (c) => !joined.some((j) => Object.entries(c).every(([k, v]) => j[k] === v)),
      );
      if (unmatched.length > 0 && Object.keys(unmatched[0]!).length > 0) {
        const list = unmatched.slice(0, 5).map(dimsText).join('; ');
        warn(
          `${periodLabel(outPeriod)}: ${unmatched.length} Merkmalskombination(en) des Eingangs ‚${s.name}‘ haben in den anderen Eingängen kein Gegenstück und werden nicht berechnet (${list}).`,
          `${periodLabel(outPeriod, 'en')}: ${unmatched.length} dimension combination(s) of input '${s.name}' have no counterpart in the other inputs and are not computed (${list}).`,
        );
      }
    });

    // Areas: union over all inputs, driver first.
    const areas = new Set<string>();
    for (const s of ordered) for (const a of data.get(s.name)!.areas.keys()) areas.add(a);
    const missing = new Map<string, { areas: Set<string>; incomplete: Set<string> }>(
      ordered.map((s) => [s.name, { areas: new Set(), incomplete: new Set() }]),
    );
    for (const area of areas) {
      for (const j of joined) {
        const operands: Record<string, Operand> = {};
        let complete = true;
        for (const s of ordered) {
          const slot = data.get(s.name)!.areas.get(area)?.get(comboKey(j, s.freeDims));
          if (slot === undefined || slot === 'incomplete') {
            complete = false;
            const m = missing.get(s.name)!;
            m.areas.add(area);
            if (slot === 'incomplete') m.incomplete.add(area);
          } else operands[s.name] = slot;
        }
        if (!complete) continue;
        const e = evaluateFormula(formula, operands);
        // An exact zero is 'nothing' ('-'), as in official tables; '0.0' means "rounds to zero".
        const r: Operand =
          e.kind === 'value' && e.value.isZero() && def.zeroAsDash !== false
            ? { kind: 'flag', flag: '-' }
            : e;
        out.push({
          areaCode: area,
          period: outPeriod,
          dims: { ...j },
          value: r.kind === 'value' ? roundDecHalfUp(r.value, def.decimals) : null,
          flag: r.kind === 'value' ? r.note : r.flag,
        });
      }
    }
    for (const s of ordered) {
      const m = missing.get(s.name)!;
      if (m.areas.size === 0) continue;
      const codes = [...m.areas];
      const inP = data.get(s.name)!.period;
      const inc = m.incomplete.size;
      const incDe = inc ? ` (davon ${inc} mit unvollständigen Werten oder ohne Wert)` : '';
      const incEn = inc ? ` (${inc} of them incomplete or without value)` : '';
      warn(
        `${periodLabel(outPeriod)}: Für ${codes.length} Gebiet${codes.length === 1 ? '' : 'e'} fehlte der Eingang ‚${s.name}‘ (${s.indicator}) ${periodPhrase(inP)}${incDe}; übersprungen: ${listAreas(codes, maxListed)}.`,
        `${periodLabel(outPeriod, 'en')}: ${codes.length} area(s) lacked the input '${s.name}' (${s.indicator}) ${periodPhrase(inP, 'en')}${incEn}; skipped: ${listAreas(codes, maxListed)}.`,
      );
      skipped.push({
        period: outPeriod,
        input: s.name,
        indicator: s.indicator,
        inputPeriod: inP,
        areaCodes: codes,
      });
    }
  }
  return { cells: out, warnings, warningsEn, skipped };
}
