import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DefinitionError, parseDefinitionsFile, validateDefinition } from './index';
import type { ComputedDefinition, DefinitionIssue } from './index';

const here = path.dirname(fileURLToPath(import.meta.url));

function issues(fn: () => unknown): DefinitionIssue[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DefinitionError) return e.issues;
    throw e;
  }
  throw new Error('no error');
}
function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('no error');
}
const valid: ComputedDefinition = {
  code: 'quote',
  name: { de: 'Quote' },
  unit: '%',
  decimals: 1,
  formula: 'a / b * 100',
  inputs: { a: { indicator: 'x.a' }, b: { indicator: 'x.b', period: 'previous-year-end' } },
};

describe('example file examples/betreuungsquote.yaml', () => {
  it('parses to exactly the U3 childcare rate definition', () => {
    const text = fs.readFileSync(path.join(here, 'examples', 'betreuungsquote.yaml'), 'utf8');
    const [def, ...rest] = parseDefinitionsFile(text, 'betreuungsquote.yaml');
    expect(rest).toEqual([]);
    expect(def).toMatchObject({
      code: 'betreuungsquote_u3',
      unit: '%',
      decimals: 1,
      formula: 'betreut / bevoelkerung * 100',
      periodsFrom: 'betreut',
      inputs: {
        betreut: {
          indicator: '22543-01-02-4.betreute_kinder',
          dims: { merkmal_1: 'insgesamt_ohne_doppelzaehlungen', altersgruppe: 'unter_3_jahre' },
        },
        bevoelkerung: {
          indicator: '12411-02-03-4.bevoelkerungsstand',
          dims: { merkmal_1: 'unter_3_jahre', geschlecht: 'insgesamt' },
          period: 'previous-year-end',
        },
      },
    });
    expect(def?.inputs.betreut?.period).toBeUndefined();
    expect(def?.name.de).toBe('Betreuungsquote der Kinder unter 3 Jahren');
  });
});

describe('parseDefinitionsFile: YAML syntax errors with line and column', () => {
  it("an unquoted '%'", () => {
    const text = 'indicators:\n  - code: q\n    unit: %\n';
    const [i] = issues(() => parseDefinitionsFile(text, 'q.yaml'));
    expect(i).toMatchObject({ line: 3, column: 11 });
    expect(message(() => parseDefinitionsFile(text, 'q.yaml'))).toMatch(
      /^q\.yaml, Zeile 3, Spalte 11: YAML-Syntaxfehler: ein Wert darf so nicht beginnen/,
    );
  });
  it('a duplicate field', () => {
    const [i] = issues(() => parseDefinitionsFile('indicators:\n  - code: q\n    code: r\n', 'q.yaml'));
    expect(i).toMatchObject({ line: 3, column: 5 });
    expect(i?.de).toContain('ein Feld steht doppelt');
  });
  it('a tab as indentation', () => {
    const [i] = issues(() => parseDefinitionsFile('indicators:\n\t- code: q\n', 'q.yaml'));
    expect(i?.line).toBe(2);
    expect(i?.de).toMatch(/^YAML-Syntaxfehler/);
  });
  it('broken JSON is reported the same way', () => {
    const [i] = issues(() => parseDefinitionsFile('{\n  "indicators": [\n', 'q.json'));
    expect(i?.line).toBeGreaterThanOrEqual(2);
    expect(i?.de).toMatch(/^YAML-Syntaxfehler/);
  });
  it('an empty file or a list is refused', () => {
    expect(message(() => parseDefinitionsFile('', 'q.yaml'))).toBe(
      'q.yaml, Zeile 1, Spalte 1: Die Datei muss ein Objekt mit dem Feld ‚indicators‘ (Liste der Indikatoren) enthalten',
    );
    expect(() => parseDefinitionsFile('- a\n- b\n', 'q.yaml')).toThrow(DefinitionError);
  });
});

describe('parseDefinitionsFile: schema errors name indicator, field, line and column', () => {
  const text = [
    'indicators:', // 1
    '  - code: quote_u3', // 2
    '    name: { de: Quote }', // 3
    "    unit: '%'", // 4
    '    decimals: eins', // 5
    '    formula: kinder / bev * 100', // 6
    '    inputs:', // 7
    '      kinder:', // 8
    '        indicator: k', // 9
    '        periodRule: same', // 10
    '      bev:', // 11
    '        indicator: b', // 12
    '        period: previos-year-end', // 13
    '        dims: { alter: 3 }', // 14
    '',
  ].join('\n');

  it('lists every problem in file order', () => {
    const list = issues(() => parseDefinitionsFile(text, 'quote.yaml'));
    expect(list.map((i) => [i.line, i.column, i.indicator, i.path])).toEqual([
      [5, 15, 'quote_u3', 'indicators[0].decimals'],
      [10, 9, 'quote_u3', 'indicators[0].inputs.kinder.periodRule'],
      [13, 17, 'quote_u3', 'indicators[0].inputs.bev.period'],
      [14, 24, 'quote_u3', 'indicators[0].inputs.bev.dims.alter'],
    ]);
    expect(list[0]?.de).toBe('erwartet eine Zahl, gefunden den Text ‚eins‘');
    expect(list[1]?.de).toBe(
      'unbekanntes Feld ‚periodRule‘ – meinten Sie ‚period‘? (erlaubt: indicator, dims, period)',
    );
    expect(list[2]?.de).toMatch(
      /^Unbekannte Periodenregel ‚previos-year-end‘ – meinten Sie ‚previous-year-end‘\?/,
    );
    expect(list[3]?.de).toContain('Zahlen bitte in Anführungszeichen');
  });

  it('renders German lines with file, line, column, indicator and field; English in messageEn', () => {
    let err: DefinitionError | undefined;
    try {
      parseDefinitionsFile(text, 'quote.yaml');
    } catch (e) {
      err = e as DefinitionError;
    }
    expect(err?.message.split('\n')[0]).toBe(
      'quote.yaml, Zeile 5, Spalte 15: Indikator ‚quote_u3‘, Feld ‚indicators[0].decimals‘: erwartet eine Zahl, gefunden den Text ‚eins‘',
    );
    expect(err?.messageEn.split('\n')[0]).toBe(
      "quote.yaml, line 5, column 15: indicator ‚quote_u3‘, field ‚indicators[0].decimals‘: expected a number, found the text 'eins'",
    );
  });

  it('formula and periodsFrom problems point at their fields', () => {
    const t = [
      'indicators:', // 1
      '  - code: a', // 2
      '    name: { de: A }', // 3
      "    unit: '%'", // 4
      '    decimals: 1', // 5
      '    formula: kinder / bevx * 100', // 6
      '    inputs:', // 7
      '      kinder: { indicator: k }', // 8
      '      bev: { indicator: b }', // 9
      '  - code: b', // 10
      '    name: { de: B }', // 11
      '    unit: Anzahl', // 12
      '    decimals: 0', // 13
      '    formula: x + y', // 14
      '    periodsFrom: z', // 15
      '    inputs:', // 16
      '      x: { indicator: k }', // 17
      '      y: { indicator: k }', // 18
    ].join('\n');
    const list = issues(() => parseDefinitionsFile(t, 'q.yaml'));
    expect(list.map((i) => [i.line, i.column, i.indicator, i.path])).toEqual([
      [6, 14, 'a', 'indicators[0].formula'],
      [15, 18, 'b', 'indicators[1].periodsFrom'],
    ]);
    expect(list[0]?.de).toBe(
      'Unbekannter Eingang ‚bevx‘ – meinten Sie ‚bev‘? (definiert: ‚kinder‘, ‚bev‘) in der Formel „kinder / bevx * 100“',
    );
    expect(list[1]?.de).toBe('periodsFrom nennt den Eingang ‚z‘, den es nicht gibt (definiert: x, y)');
  });

  it('duplicate codes and missing fields', () => {
    const t = [
      'indicators:', // 1
      '  - code: a', // 2
      '    name: { de: A }', // 3
      '    unit: Anzahl', // 4
      '    decimals: 0', // 5
      '    formula: x * 2', // 6
      '    inputs: { x: { indicator: k } }', // 7
      '  - code: a', // 8
      '    name: { de: A2 }', // 9
      '    unit: Anzahl', // 10
      '    decimals: 0', // 11
      '    formula: x * 3', // 12
      '    inputs: { x: { indicator: k } }', // 13
    ].join('\n');
    const list = issues(() => parseDefinitionsFile(t, 'q.yaml'));
    expect(list).toEqual([
      {
        path: 'indicators[1].code',
        indicator: 'a',
        line: 8,
        column: 11,
        de: 'Der Code ‚a‘ kommt doppelt vor (schon bei Indikator 1)',
        en: "The code 'a' occurs twice (already at indicator 1)",
      },
    ]);
    const missing = issues(() =>
      parseDefinitionsFile('indicators:\n  - code: a\n    name: { de: A }\n', 'q.yaml'),
    );
    expect(missing.map((i) => [i.path, i.de, i.line, i.column])).toEqual([
      ['indicators[0].unit', 'Pflichtfeld fehlt', 2, 5],
      ['indicators[0].decimals', 'Pflichtfeld fehlt', 2, 5],
      ['indicators[0].formula', 'Pflichtfeld fehlt', 2, 5],
      ['indicators[0].inputs', 'Pflichtfeld fehlt', 2, 5],
    ]);
    const noCode = issues(() => parseDefinitionsFile('indicators:\n  - name: { de: A }\n', 'q.yaml'));
    expect(noCode[0]?.indicator).toBe('Nr. 1');
  });

  it('JSON files are read the same way', () => {
    const json = JSON.stringify({ indicators: [valid] }, null, 2);
    expect(parseDefinitionsFile(json, 'q.json')).toEqual([valid]);
  });
});

const bad = (patch: Record<string, unknown>): DefinitionIssue[] =>
  issues(() => validateDefinition({ ...valid, ...patch }));

describe('validateDefinition (zod schema)', () => {
  it('accepts a valid definition and every period rule', () => {
    expect(validateDefinition(valid)).toEqual(valid);
    for (const period of [
      'same',
      'previous-year-end',
      'same-year',
      'latest-before',
      { shift: { years: -1 } },
      { shift: { months: -3, years: 0 } },
    ]) {
      const d = { ...valid, inputs: { a: { indicator: 'x.a' }, b: { indicator: 'x.b', period } } };
      expect(validateDefinition(d).inputs.b?.period).toEqual(period);
    }
  });

  it.each([
    [{ decimals: 11 }, 'decimals', 'darf höchstens 10 sein'],
    [{ decimals: -1 }, 'decimals', 'muss mindestens 0 sein'],
    [{ decimals: 1.5 }, 'decimals', 'erwartet eine ganze Zahl, gefunden die Zahl 1.5'],
    [{ code: 'mit leerzeichen' }, 'code', 'ungültiger Code "mit leerzeichen"'],
    [{ unit: '' }, 'unit', 'darf nicht leer sein'],
    [{ name: { de: 'A', fr: 'B' } }, 'name.fr', 'unbekanntes Feld ‚fr‘ (erlaubt: de, en)'],
    [
      { periodType: 'month' },
      'periodType',
      'ungültiger Wert: den Text ‚month‘; erlaubt: year, half_year, school_year, date',
    ],
    [{ formula: 'a * 2' }, 'inputs.b', 'Der Eingang ‚b‘ kommt in der Formel „a * 2“ nicht vor'],
    [{ formula: '100' }, 'formula', 'Die Formel „100“ verwendet keinen Eingang'],
    [{ formula: 'a ^ b' }, 'formula', 'Zeichen ‚^‘ ist nicht erlaubt'],
    [{ inputs: {} }, 'inputs', 'Mindestens ein Eingang ist nötig'],
    [
      { formula: 'mod * 2', inputs: { mod: { indicator: 'k' } } },
      'inputs.mod',
      'Ungültiger Eingangsname ‚mod‘',
    ],
    [
      { formula: 'a * 2', inputs: { '1a': { indicator: 'k' }, a: { indicator: 'k' } } },
      'inputs.1a',
      'Ungültiger Eingangsname ‚1a‘',
    ],
    [{ einheit: '%' }, 'einheit', 'unbekanntes Feld ‚einheit‘ – meinten Sie ‚unit‘?'],
    [
      { inputs: { a: { indicator: 'x.a', period: 'previous-year-end' }, b: { indicator: 'x.b' } } },
      'inputs.a.period',
      'Der erste Eingang ‚a‘ bestimmt die Perioden (ohne periodsFrom) und braucht daher die Regel ‚same‘, nicht ‚previous-year-end‘',
    ],
    [
      { periodsFrom: 'b' },
      'inputs.b.period',
      'Der Eingang ‚b‘ bestimmt die Perioden (periodsFrom) und braucht daher die Regel ‚same‘, nicht ‚previous-year-end‘',
    ],
  ] as Array<[Record<string, unknown>, string, string]>)('%j → %s: %s', (patch, pathText, fragment) => {
    const list = bad(patch);
    expect(
      list.some(
        (i) => i.path === pathText && i.de.includes(fragment) && i.indicator === (patch.code ?? 'quote'),
      ),
    ).toBe(true);
  });

  it.each([
    [{ shift: { years: -1.5 } }, 'shift.years muss eine ganze Zahl sein (z. B. -1), nicht -1.5'],
    [{ shift: {} }, 'shift braucht years und/oder months'],
    [{ shift: { days: 1 } }, 'Unbekanntes Feld ‚days‘ in shift; erlaubt: years, months'],
    [{ shift: { years: -1 }, extra: 1 }, 'Ungültige Periodenregel'],
    [5, 'Ungültige Periodenregel 5'],
    ['same_year', 'Unbekannte Periodenregel ‚same_year‘ – meinten Sie ‚same-year‘?'],
  ] as Array<[unknown, string]>)('period %j → %s', (period, fragment) => {
    const list = bad({ inputs: { a: { indicator: 'x.a' }, b: { indicator: 'x.b', period } } });
    expect(list[0]?.path).toBe('inputs.b.period');
    expect(list[0]?.de).toContain(fragment);
  });

  it.each([
    [{ alter: [] }, 'Die Liste der Werte ist leer', 'inputs.a.dims.alter'],
    [{ alter: ['u3', 'u3'] }, 'Wert ‚u3‘ steht doppelt in der Liste', 'inputs.a.dims.alter[1]'],
    [{ alter: ['u3', 7] }, 'Zahlen bitte in Anführungszeichen', 'inputs.a.dims.alter[1]'],
    [{ alter: '' }, 'Der Wert darf nicht leer sein', 'inputs.a.dims.alter'],
  ] as Array<[unknown, string, string]>)('dims %j → %s', (dims, fragment, pathText) => {
    const list = bad({ inputs: { a: { indicator: 'x.a', dims }, b: { indicator: 'x.b' } } });
    expect(list[0]?.path).toBe(pathText);
    expect(list[0]?.de).toContain(fragment);
  });

  it('reports all missing fields of an empty object', () => {
    expect(issues(() => validateDefinition({})).map((i) => i.path)).toEqual([
      'code',
      'name',
      'unit',
      'decimals',
      'formula',
      'inputs',
    ]);
  });
});

describe('FORMAT.md', () => {
  it('every YAML example in the reference is a valid definition', () => {
    const md = fs.readFileSync(path.join(here, 'FORMAT.md'), 'utf8');
    const blocks = [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const definitions = blocks.filter((b) => /^(indicators:|- code:)/.test(b));
    expect(definitions.length).toBe(3);
    for (const b of definitions) {
      const text = b.startsWith('indicators:') ? b : `indicators:\n${b.replace(/^/gm, '  ')}`;
      expect(parseDefinitionsFile(text, 'FORMAT.md').length).toBe(1);
    }
  });
});
