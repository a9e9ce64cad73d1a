/**
 * Definitions of computed indicators: zod schemas for one `ComputedDefinition` and for a definitions
 * file `{ indicators: ComputedDefinition[] }` (YAML or JSON), with German messages that name the
 * indicator code, the field path and – in files – line and column.
 */
import { isMap, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { DefinitionError } from './errors';
import type { DefinitionIssue } from './errors';
import { compileFormula, INPUT_NAME_RE, RESERVED_NAMES, suggestName } from './formula';
import { FormulaError } from './errors';
import { periodRuleText } from './periods';
import type { ComputedDefinition, PeriodRule } from './types';

export const PERIOD_RULE_NAMES = ['same', 'previous-year-end', 'same-year', 'latest-before'] as const;
export const PERIOD_TYPES = ['year', 'half_year', 'school_year', 'date'] as const;
/** Indicator codes: letters, digits, '.', '_', '-' (e.g. 'betreuungsquote_u3', '22543-01-02-4.betreute_kinder'). */
export const CODE_RE = /^[\p{L}\p{N}][\p{L}\p{N}_.-]*$/u;
/** Maximal number of decimals of a computed indicator. */
export const MAX_DECIMALS = 10;

const ALLOWED_KEYS = {
  /** `catalogue` and `sources` belong to the indicator catalogue (see ../catalogue): read, not applied. */
  file: ['indicators', 'catalogue', 'sources'],
  definition: [
    'code',
    'name',
    'description',
    'unit',
    'decimals',
    'formula',
    'inputs',
    'periodType',
    'periodsFrom',
    'meta',
    'zeroAsDash',
  ],
  name: ['de', 'en'],
  input: ['indicator', 'dims', 'period'],
  shift: ['years', 'months'],
} as const;

/** Frequent wrong field names and what is meant. */
const KEY_HINTS: Record<string, string> = {
  periodRule: 'period',
  period_rule: 'period',
  rule: 'period',
  zeitbezug: 'period',
  dimensions: 'dims',
  dimensionen: 'dims',
  indikator: 'indicator',
  einheit: 'unit',
  nachkommastellen: 'decimals',
  formel: 'formula',
  eingaenge: 'inputs',
  eingänge: 'inputs',
  period_type: 'periodType',
  periods_from: 'periodsFrom',
  beschreibung: 'description',
};

export type Msg = { de: string; en: string };

/** Add a German/English issue at `path` (relative to the value being refined). */
export function custom(ctx: z.RefinementCtx, path: PropertyKey[], msg: Msg): void {
  ctx.addIssue({ code: 'custom', path, message: msg.de, params: { en: msg.en } });
}

/** German/English problem with a period rule value, or null when it is valid. */
export function checkPeriodRule(value: unknown): Msg | null {
  const allowed = `${PERIOD_RULE_NAMES.join(', ')} oder { shift: { years: …, months: … } }`;
  const allowedEn = `${PERIOD_RULE_NAMES.join(', ')} or { shift: { years: …, months: … } }`;
  if (typeof value === 'string') {
    if ((PERIOD_RULE_NAMES as readonly string[]).includes(value)) return null;
    const s = suggestName(value, PERIOD_RULE_NAMES);
    return {
      de: `Unbekannte Periodenregel ‚${value}‘${s ? ` – meinten Sie ‚${s}‘?` : ''}; erlaubt: ${allowed}`,
      en: `Unknown period rule '${value}'${s ? ` – did you mean '${s}'?` : ''}; allowed: ${allowedEn}`,
    };
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const keys = Object.keys(value);
    const shift = (value as { shift?: unknown }).shift;
    if (keys.length !== 1 || keys[0] !== 'shift' || typeof shift !== 'object' || shift === null) {
      return {
        de: `Ungültige Periodenregel ${JSON.stringify(value)}; erlaubt: ${allowed}`,
        en: `Invalid period rule ${JSON.stringify(value)}; allowed: ${allowedEn}`,
      };
    }
    const s = shift as Record<string, unknown>;
    const unknown = Object.keys(s).filter((k) => !(ALLOWED_KEYS.shift as readonly string[]).includes(k));
    if (unknown.length > 0) {
      return {
        de: `Unbekanntes Feld ‚${unknown[0]}‘ in shift; erlaubt: years, months`,
        en: `Unknown field '${unknown[0]}' in shift; allowed: years, months`,
      };
    }
    if (s.years === undefined && s.months === undefined) {
      return { de: 'shift braucht years und/oder months', en: 'shift needs years and/or months' };
    }
    for (const k of ['years', 'months'] as const) {
      const v = s[k];
      if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v))) {
        return {
          de: `shift.${k} muss eine ganze Zahl sein (z. B. -1), nicht ${JSON.stringify(v)}`,
          en: `shift.${k} must be an integer (e.g. -1), not ${JSON.stringify(v)}`,
        };
      }
    }
    return null;
  }
  return {
    de: `Ungültige Periodenregel ${JSON.stringify(value)}; erlaubt: ${allowed}`,
    en: `Invalid period rule ${JSON.stringify(value)}; allowed: ${allowedEn}`,
  };
}

export const periodRuleSchema = z.custom<PeriodRule>().superRefine((value, ctx) => {
  const problem = checkPeriodRule(value);
  if (problem) custom(ctx, [], problem);
});

const dimValueSchema = z.custom<string | string[]>().superRefine((value, ctx) => {
  const hint = {
    de: 'erwartet ein Wert (Text) oder eine Liste von Werten; Zahlen bitte in Anführungszeichen, z. B. ‚01‘',
    en: "expected a value (text) or a list of values; quote numbers, e.g. '01'",
  };
  if (typeof value === 'string') {
    if (value.trim() === '')
      custom(ctx, [], { de: 'Der Wert darf nicht leer sein', en: 'The value is empty' });
    return;
  }
  if (!Array.isArray(value)) {
    custom(ctx, [], {
      de: `${hint.de}, nicht ${JSON.stringify(value)}`,
      en: `${hint.en}, not ${JSON.stringify(value)}`,
    });
    return;
  }
  if (value.length === 0) {
    custom(ctx, [], { de: 'Die Liste der Werte ist leer', en: 'The list of values is empty' });
    return;
  }
  const seen = new Set<string>();
  value.forEach((v, i) => {
    if (typeof v !== 'string' || v.trim() === '') {
      custom(ctx, [i], {
        de: `${hint.de}, nicht ${JSON.stringify(v)}`,
        en: `${hint.en}, not ${JSON.stringify(v)}`,
      });
    } else if (seen.has(v)) {
      custom(ctx, [i], { de: `Wert ‚${v}‘ steht doppelt in der Liste`, en: `Value '${v}' is listed twice` });
    } else seen.add(v);
  });
});

export const inputSelectorSchema = z.strictObject({
  indicator: z.string().trim().min(1),
  dims: z.record(z.string().min(1), dimValueSchema).optional(),
  period: periodRuleSchema.optional(),
});

/** The fields of one definition (without the cross-field checks of `refineDefinition`). */
export const definitionObjectSchema = z.strictObject({
  code: z.string().regex(CODE_RE),
  name: z.strictObject({ de: z.string().trim().min(1), en: z.string().trim().min(1).optional() }),
  description: z.string().optional(),
  unit: z.string().trim().min(1),
  decimals: z.number().int().min(0).max(MAX_DECIMALS),
  formula: z.string().trim().min(1),
  inputs: z.record(z.string(), inputSelectorSchema),
  periodType: z.enum(PERIOD_TYPES).optional(),
  periodsFrom: z.string().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
  zeroAsDash: z.boolean().optional(),
});

/** Cross-field checks: input names, formula, unused inputs, periodsFrom. */
export function refineDefinition(def: z.infer<typeof definitionObjectSchema>, ctx: z.RefinementCtx): void {
  const names = Object.keys(def.inputs);
  if (names.length === 0) {
    custom(ctx, ['inputs'], {
      de: 'Mindestens ein Eingang ist nötig',
      en: 'At least one input is needed',
    });
    return;
  }
  let namesOk = true;
  for (const n of names) {
    if (!INPUT_NAME_RE.test(n) || (RESERVED_NAMES as readonly string[]).includes(n)) {
      namesOk = false;
      custom(ctx, ['inputs', n], {
        de: `Ungültiger Eingangsname ‚${n}‘: nur Buchstaben, Ziffern und _, nicht mit einer Ziffer beginnend, und keines der Wörter ${RESERVED_NAMES.join(', ')}`,
        en: `Invalid input name '${n}': letters, digits and _ only, not starting with a digit, none of ${RESERVED_NAMES.join(', ')}`,
      });
    }
  }
  if (!namesOk) return;
  try {
    const compiled = compileFormula(def.formula, names, def.code);
    if (compiled.inputs.length === 0) {
      custom(ctx, ['formula'], {
        de: `Die Formel „${def.formula}“ verwendet keinen Eingang`,
        en: `The formula "${def.formula}" uses no input`,
      });
    }
    for (const n of names) {
      if (!compiled.inputs.includes(n)) {
        custom(ctx, ['inputs', n], {
          de: `Der Eingang ‚${n}‘ kommt in der Formel „${def.formula}“ nicht vor`,
          en: `The input '${n}' does not occur in the formula "${def.formula}"`,
        });
      }
    }
  } catch (err) {
    if (!(err instanceof FormulaError)) throw err;
    custom(ctx, ['formula'], { de: err.message, en: err.messageEn });
  }
  if (def.periodsFrom !== undefined) {
    const from = def.inputs[def.periodsFrom];
    if (!from) {
      custom(ctx, ['periodsFrom'], {
        de: `periodsFrom nennt den Eingang ‚${def.periodsFrom}‘, den es nicht gibt (definiert: ${names.join(', ')})`,
        en: `periodsFrom names the input '${def.periodsFrom}', which does not exist (defined: ${names.join(', ')})`,
      });
    } else if (from.period !== undefined && from.period !== 'same') {
      custom(ctx, ['inputs', def.periodsFrom, 'period'], {
        de: `Der Eingang ‚${def.periodsFrom}‘ bestimmt die Perioden (periodsFrom) und braucht daher die Regel ‚same‘, nicht ‚${periodRuleText(from.period)}‘`,
        en: `The input '${def.periodsFrom}' drives the periods (periodsFrom) and must use 'same', not '${periodRuleText(from.period)}'`,
      });
    }
  } else {
    const first = names[0]!;
    const rule = def.inputs[first]?.period;
    if (rule !== undefined && rule !== 'same') {
      custom(ctx, ['inputs', first, 'period'], {
        de: `Der erste Eingang ‚${first}‘ bestimmt die Perioden (ohne periodsFrom) und braucht daher die Regel ‚same‘, nicht ‚${periodRuleText(rule)}‘`,
        en: `The first input '${first}' drives the periods (no periodsFrom) and must use 'same', not '${periodRuleText(rule)}'`,
      });
    }
  }
}

/** zod schema of one computed indicator definition. */
export const computedDefinitionSchema: z.ZodType<ComputedDefinition> =
  definitionObjectSchema.superRefine(refineDefinition);

/** zod schema of a definitions file `{ indicators: [...] }`; codes must be unique. */
export const definitionsFileSchema: z.ZodType<{ indicators: ComputedDefinition[] }> = z
  .strictObject({
    indicators: z.array(computedDefinitionSchema).min(1),
    // A catalogue file (packages/domain/catalogue) is a definitions file with two more sections; they are
    // checked by parseCatalogueFile, and a plain definitions reader ignores them.
    catalogue: z.record(z.string(), z.unknown()).optional(),
    sources: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((file, ctx) => {
    const first = new Map<string, number>();
    file.indicators.forEach((d, i) => {
      const j = first.get(d.code);
      if (j !== undefined) {
        custom(ctx, ['indicators', i, 'code'], {
          de: `Der Code ‚${d.code}‘ kommt doppelt vor (schon bei Indikator ${j + 1})`,
          en: `The code '${d.code}' occurs twice (already at indicator ${j + 1})`,
        });
      } else first.set(d.code, i);
    });
  });

// ---------- issue translation ----------

function describeValue(v: unknown): Msg {
  if (v === undefined) return { de: 'nichts', en: 'nothing' };
  if (v === null) return { de: 'leer (null)', en: 'null' };
  if (Array.isArray(v)) return { de: 'eine Liste', en: 'a list' };
  if (typeof v === 'string') return { de: `den Text ‚${v}‘`, en: `the text '${v}'` };
  if (typeof v === 'number') return { de: `die Zahl ${v}`, en: `the number ${v}` };
  if (typeof v === 'boolean') return { de: `den Wahrheitswert ${v}`, en: `the boolean ${v}` };
  return { de: 'ein Objekt', en: 'an object' };
}

const EXPECTED: Record<string, Msg> = {
  string: { de: 'einen Text', en: 'a text' },
  number: { de: 'eine Zahl', en: 'a number' },
  int: { de: 'eine ganze Zahl', en: 'an integer' },
  object: { de: 'ein Objekt (Feld: Wert)', en: 'an object (field: value)' },
  record: { de: 'ein Objekt (Feld: Wert)', en: 'an object (field: value)' },
  array: { de: 'eine Liste', en: 'a list' },
  boolean: { de: 'einen Wahrheitswert', en: 'a boolean' },
};

function allowedKeysAt(path: readonly PropertyKey[], inFile: boolean): readonly string[] {
  const p = inFile ? path.slice(2) : path;
  if (inFile && path.length === 0) return ALLOWED_KEYS.file;
  if (p.length === 0) return ALLOWED_KEYS.definition;
  if (p.length === 1 && p[0] === 'name') return ALLOWED_KEYS.name;
  if (p.length === 2 && p[0] === 'inputs') return ALLOWED_KEYS.input;
  return [];
}

interface RawIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  input?: unknown;
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  values?: unknown[];
  keys?: string[];
  format?: string;
  params?: Record<string, unknown>;
}

function translate(issue: RawIssue, inFile: boolean, allowedAt?: AllowedKeys): Msg {
  const field = String(issue.path[issue.path.length - 1] ?? '');
  switch (issue.code) {
    case 'custom':
      return { de: issue.message, en: String(issue.params?.en ?? issue.message) };
    case 'invalid_type': {
      if (issue.input === undefined) return { de: 'Pflichtfeld fehlt', en: 'required field is missing' };
      const exp = EXPECTED[issue.expected ?? ''] ?? {
        de: String(issue.expected),
        en: String(issue.expected),
      };
      const got = describeValue(issue.input);
      return { de: `erwartet ${exp.de}, gefunden ${got.de}`, en: `expected ${exp.en}, found ${got.en}` };
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return { de: 'darf nicht leer sein', en: 'must not be empty' };
      if (issue.origin === 'array') {
        return { de: `braucht mindestens ${min} Eintrag/Einträge`, en: `needs at least ${min} item(s)` };
      }
      return { de: `muss mindestens ${min} sein`, en: `must be at least ${min}` };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string')
        return { de: `höchstens ${max} Zeichen`, en: `at most ${max} characters` };
      if (issue.origin === 'array') return { de: `höchstens ${max} Einträge`, en: `at most ${max} items` };
      return { de: `darf höchstens ${max} sein`, en: `must be at most ${max}` };
    }
    case 'invalid_value': {
      const vals = (issue.values ?? []).map(String);
      if (issue.input === undefined) {
        return {
          de: `Pflichtfeld fehlt (erlaubt: ${vals.join(', ')})`,
          en: `required field is missing (allowed: ${vals.join(', ')})`,
        };
      }
      const got = describeValue(issue.input);
      return {
        de: `ungültiger Wert: ${got.de}; erlaubt: ${vals.join(', ')}`,
        en: `invalid value: ${got.en}; allowed: ${vals.join(', ')}`,
      };
    }
    case 'unrecognized_keys': {
      const allowed = allowedAt?.(issue.path) ?? allowedKeysAt(issue.path, inFile);
      return (issue.keys ?? []).map((k) => {
        const hint = KEY_HINTS[k] ?? suggestName(k, allowed);
        return {
          de: `unbekanntes Feld ‚${k}‘${hint ? ` – meinten Sie ‚${hint}‘?` : ''}${allowed.length ? ` (erlaubt: ${allowed.join(', ')})` : ''}`,
          en: `unknown field '${k}'${hint ? ` – did you mean '${hint}'?` : ''}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`,
        };
      })[0]!;
    }
    case 'invalid_format':
      if (field === 'code') {
        return {
          de: `ungültiger Code ${JSON.stringify(issue.input)}: nur Buchstaben, Ziffern, ‚.‘, ‚_‘ und ‚-‘, beginnend mit Buchstabe oder Ziffer`,
          en: `invalid code ${JSON.stringify(issue.input)}: letters, digits, '.', '_' and '-' only, starting with a letter or digit`,
        };
      }
      return {
        de: `ungültiges Format (${issue.format ?? ''})`,
        en: `invalid format (${issue.format ?? ''})`,
      };
    default:
      return { de: `ungültiger Wert (${issue.code})`, en: `invalid value (${issue.code}): ${issue.message}` };
  }
}

/** 'indicators[0].inputs.betreut.period' */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/** Split zod issues of unrecognized keys into one issue per key (each gets its own position). */
function expand(issues: readonly RawIssue[]): RawIssue[] {
  return issues.flatMap((i) =>
    i.code === 'unrecognized_keys' && (i.keys?.length ?? 0) > 1
      ? (i.keys ?? []).map((k) => ({ ...i, keys: [k] }))
      : [i],
  );
}

function codeAt(data: unknown, path: readonly PropertyKey[], inFile: boolean): string | undefined {
  const def = inFile
    ? path[0] === 'indicators' && typeof path[1] === 'number'
      ? (data as { indicators?: unknown[] })?.indicators?.[path[1]]
      : undefined
    : data;
  const code = (def as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && code.trim()) return code;
  if (inFile && typeof path[1] === 'number') return `Nr. ${path[1] + 1}`;
  return undefined;
}

/** Allowed field names at a path (for 'unknown field' hints); `undefined` falls back to the definition's. */
export type AllowedKeys = (path: readonly PropertyKey[]) => readonly string[] | undefined;

function toIssues(
  data: unknown,
  raw: readonly RawIssue[],
  inFile: boolean,
  locate?: Locator,
  allowed?: AllowedKeys,
): DefinitionIssue[] {
  return expand(raw).map((i) => {
    const msg = translate(i, inFile, allowed);
    const key = i.code === 'unrecognized_keys' ? i.keys?.[0] : undefined;
    const path = key !== undefined ? [...i.path, key] : i.path;
    const pos = locate?.(i.path, key);
    const indicator = codeAt(data, i.path, inFile);
    return {
      path: formatPath(path),
      ...(indicator !== undefined ? { indicator } : {}),
      ...(pos ? { line: pos.line, column: pos.col } : {}),
      de: msg.de,
      en: msg.en,
    };
  });
}

export type Locator = (
  path: readonly PropertyKey[],
  key?: string,
) => { line: number; col: number } | undefined;

function yamlLocator(doc: Document, lc: LineCounter): Locator {
  return (path, key) => {
    // The deepest node that exists on the path (a missing field points at its parent object).
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as YamlNode | undefined;
      if (!node || !node.range) continue;
      if (key !== undefined && n === path.length && isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
        const range = pair && isScalar(pair.key) ? pair.key.range : undefined;
        if (range) return lc.linePos(range[0]);
      }
      return lc.linePos(node.range[0]);
    }
    return undefined;
  };
}

/** Validate one definition (e.g. from the database or an API); throws `DefinitionError`. */
export function validateDefinition(value: unknown): ComputedDefinition {
  const r = computedDefinitionSchema.safeParse(value, { reportInput: true });
  if (r.success) return r.data;
  throw new DefinitionError(toIssues(value, r.error.issues as unknown as RawIssue[], false));
}

const YAML_CODES: Record<string, string> = {
  BAD_INDENT: 'falsche Einrückung',
  MISSING_CHAR: 'ein Zeichen fehlt',
  DUPLICATE_KEY: 'ein Feld steht doppelt',
  UNEXPECTED_TOKEN: 'unerwartetes Zeichen',
  TAB_AS_INDENT: 'Tabulator als Einrückung (bitte Leerzeichen verwenden)',
  BAD_SCALAR_START: 'ein Wert darf so nicht beginnen (z. B. % oder @: bitte in Anführungszeichen setzen)',
  BLOCK_AS_IMPLICIT_KEY: 'Block als Schlüssel (fehlt ein Doppelpunkt oder ist die Einrückung falsch?)',
  MULTILINE_IMPLICIT_KEY: 'Schlüssel über mehrere Zeilen (fehlt ein Doppelpunkt?)',
  MISSING_ANCHOR: 'unbekannter Anker',
  MULTIPLE_DOCS: 'mehrere Dokumente in einer Datei',
};

/**
 * Read a YAML (or JSON) file into plain data. Throws `DefinitionError` with line and column for syntax
 * errors and when the file holds no object; returns a locator that maps field paths to positions.
 */
export function readYamlFile(
  text: string,
  fileName: string,
  expected: Msg = {
    de: 'Die Datei muss ein Objekt mit dem Feld ‚indicators‘ (Liste der Indikatoren) enthalten',
    en: "The file must hold an object with the field 'indicators' (list of indicators)",
  },
): { data: Record<string, unknown>; locate: Locator } {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lc = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new DefinitionError(
      doc.errors.map((e) => {
        const pos = lc.linePos(e.pos[0]);
        const first = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
        return {
          path: '',
          line: pos.line,
          column: pos.col,
          de: `YAML-Syntaxfehler: ${YAML_CODES[e.code] ?? 'nicht lesbar'} [${first}]`,
          en: `YAML syntax error: ${first}`,
        };
      }),
      fileName,
    );
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new DefinitionError([{ path: '', line: 1, column: 1, ...expected }], fileName);
  }
  return { data: data as Record<string, unknown>, locate: yamlLocator(doc, lc) };
}

/**
 * Problems of a zod validation of a file read with `readYamlFile`, in file order, with line, column,
 * indicator code (for paths under `indicators[i]`) and German/English messages.
 */
export function fileIssues(
  data: unknown,
  issues: readonly z.core.$ZodIssue[],
  locate: Locator,
  allowed?: AllowedKeys,
): DefinitionIssue[] {
  const out = toIssues(data, issues as unknown as RawIssue[], true, locate, allowed);
  out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  return out;
}

/**
 * Read a definitions file (YAML or JSON – JSON is read as YAML 1.2) `{ indicators: [...] }`.
 * Throws `DefinitionError` listing every problem with file, line, column, indicator code and field path.
 */
export function parseDefinitionsFile(text: string, fileName: string): ComputedDefinition[] {
  const { data, locate } = readYamlFile(text, fileName);
  const r = definitionsFileSchema.safeParse(data, { reportInput: true });
  if (r.success) return r.data.indicators;
  throw new DefinitionError(fileIssues(data, r.error.issues, locate), fileName);
}
