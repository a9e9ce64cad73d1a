import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { indicatorTopicSchema } from '@dkbm/contract';
import {
  DefinitionError,
  definitionOf,
  downloadUrl,
  needsLocalData,
  parseCatalogueFile,
  parseDefinitionsFile,
  sourceOfIndicator,
  validateDefinition,
  variantsOf,
  type DefinitionIssue,
} from '../index';

const SHIPPED = new URL('../../catalogue/kennzahlenkatalog.yaml', import.meta.url);
const shippedText = fs.readFileSync(SHIPPED, 'utf8');

function issues(fn: () => unknown): DefinitionIssue[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof DefinitionError) return e.issues;
    throw e;
  }
  throw new Error('no error');
}

/** A small valid catalogue; tests replace parts of it. */
const MINI = `catalogue:
  id: test-katalog
  version: 2
  date: '2026-01-31'
  title: Testkatalog
  basis: Anwendungsleitfaden
  download: https://www.regionalstatistik.de/genesis/online?operation=table&code={code}
  licence: { code: dl-de/by-2-0, name: Datenlizenz Deutschland, url: https://www.govdata.de/dl-de/by-2-0 }
  attribution: © Statistische Ämter des Bundes und der Länder
sources:
  22543-01-02-4:
    title: Betreute Kinder
    origin: official
    reference: Stichtag 1. März
    regionalDepth: [kreis]
    updateInterval: jährlich
    indicators: [22543-01-02-4.betreute_kinder]
    checkedWith: export
  12411-02-03-4:
    title: Bevölkerung nach Altersgruppen
    origin: official
    reference: Stichtag 31.12.
    regionalDepth: [kreis]
    updateInterval: jährlich
    indicators: [12411-02-03-4.bevoelkerungsstand]
    checkedWith: export
  kommunal.kita:
    title: Kita-Daten
    origin: local
    reference: Stichtag 1. März
    regionalDepth: [stadtbezirk]
    updateInterval: jährlich
    indicators: [kinder_in_betreuung, bevoelkerung_altersgruppen]
    checkedWith: demo
    howTo: CSV mit Spaltenzuordnung importieren.
indicators:
  - code: quote_u3
    name: { de: Betreuungsquote U3 }
    description: Betreute Kinder unter 3 je Kind unter 3.
    unit: '%'
    decimals: 1
    formula: betreut / kinder * 100
    inputs:
      betreut: { indicator: 22543-01-02-4.betreute_kinder, dims: { altersgruppe: unter_3_jahre } }
      kinder:
        indicator: 12411-02-03-4.bevoelkerungsstand
        dims: { altersgruppe: unter_3_jahre }
        period: previous-year-end
    meta:
      topic: fruehkindliche_bildung
      tier: kern
      polarity: higher_better
      measure: relative
      formulaText: betreut ÷ Kinder × 100
      sources: [22543-01-02-4, 12411-02-03-4]
      referenceDates: { betreut: 1. März, kinder: 31.12. des Vorjahres }
      regionalDepth: [kreis]
      updateInterval: jährlich
      local:
        inputs:
          kinder: { indicator: bevoelkerung_altersgruppen, dims: { altersgruppe: u3 }, period: previous-year-end }
          betreut: { indicator: kinder_in_betreuung, dims: { altersgruppe: u3 } }
        sources: [kommunal.kita]
        referenceDates: { betreut: 1. März, kinder: 31.12. des Vorjahres }
        regionalDepth: [stadtbezirk]
      regionalatlas:
        - table: AI003-3
          column: Betreuungsquote 0 bis 2 Jahre
          indicator: AI003-3.betreuungsquote_0_bis_2_jahre
          comparison: identical
          verified: true
`;

describe('the shipped catalogue (packages/domain/catalogue/kennzahlenkatalog.yaml)', () => {
  const catalogue = parseCatalogueFile(shippedText, 'kennzahlenkatalog.yaml');

  it('has at least 30 indicators, covering every topic of the Anwendungsleitfaden', () => {
    expect(catalogue.indicators.length).toBeGreaterThanOrEqual(30);
    const topics = new Set(catalogue.indicators.map((e) => e.meta.topic));
    expect([...topics].toSorted()).toEqual([...indicatorTopicSchema.options].toSorted());
  });

  it('every entry is a valid definition for the definitions parser, in every variant', () => {
    const defs = parseDefinitionsFile(shippedText, 'kennzahlenkatalog.yaml');
    expect(defs.map((d) => d.code)).toEqual(catalogue.indicators.map((e) => e.code));
    for (const e of catalogue.indicators) {
      for (const v of variantsOf(e)) {
        const def = definitionOf(e, v);
        expect(validateDefinition(def), `${e.code} (${v})`).toEqual(def);
      }
    }
  });

  it('every input comes from a described source; entries with local sources are marked as needing local data', () => {
    for (const e of catalogue.indicators) {
      for (const v of variantsOf(e)) {
        for (const sel of Object.values(definitionOf(e, v).inputs)) {
          expect(sourceOfIndicator(catalogue, sel.indicator), `${e.code}: ${sel.indicator}`).toBeDefined();
        }
      }
      const local = e.meta.sources.some((s) => catalogue.sources[s]!.origin === 'local');
      expect(needsLocalData(catalogue, e), e.code).toBe(local);
    }
    expect(catalogue.indicators.filter((e) => needsLocalData(catalogue, e)).length).toBeGreaterThan(0);
  });

  it('official data carry the dl-de/by-2-0 licence and an attribution; tables link to regionalstatistik.de', () => {
    expect(catalogue.licence.code).toBe('dl-de/by-2-0');
    expect(catalogue.attribution).toMatch(/Statistische Ämter des Bundes und der Länder/);
    const table = catalogue.sources['22543-01-02-4']!;
    expect(downloadUrl(catalogue, table)).toBe(
      'https://www.regionalstatistik.de/genesis/online?operation=table&code=22543-01-02-4',
    );
    expect(downloadUrl(catalogue, catalogue.sources['kommunal.bevoelkerung']!)).toBeNull();
  });
});

describe('parseCatalogueFile', () => {
  it('reads a valid catalogue; the local variant swaps the inputs and keeps the driving input', () => {
    const c = parseCatalogueFile(MINI, 'mini.yaml');
    expect(c).toMatchObject({ id: 'test-katalog', version: 2 });
    const e = c.indicators[0]!;
    expect(variantsOf(e)).toEqual(['official', 'local']);
    const local = definitionOf(e, 'local');
    // The local inputs are listed in another order: the driving input stays 'betreut'.
    expect(local.periodsFrom).toBe('betreut');
    expect(local.inputs.kinder!.indicator).toBe('bevoelkerung_altersgruppen');
    expect(definitionOf(e, 'official').inputs.betreut!.indicator).toBe('22543-01-02-4.betreute_kinder');
    expect(definitionOf(e, 'official')).not.toHaveProperty('meta');
  });

  const broken = (from: string, to: string) => {
    expect(MINI).toContain(from);
    return issues(() => parseCatalogueFile(MINI.replace(from, to), 'mini.yaml'));
  };

  it('names file, line, column, indicator and field of a missing reference date', () => {
    const [i, ...rest] = broken(
      'referenceDates: { betreut: 1. März, kinder: 31.12. des Vorjahres }\n      regionalDepth: [kreis]',
      'referenceDates: { betreut: 1. März }\n      regionalDepth: [kreis]',
    );
    expect(rest).toEqual([]);
    expect(i).toMatchObject({
      indicator: 'quote_u3',
      path: 'indicators[0].meta.referenceDates',
      line: MINI.split('\n').findIndex((l) => l.startsWith('      referenceDates:')) + 1,
      column: 23,
      de: 'Für den Eingang ‚kinder‘ fehlt der Bezugszeitpunkt',
    });
    try {
      parseCatalogueFile(
        MINI.replace(
          'kinder: 31.12. des Vorjahres }\n      regionalDepth: [kreis]',
          '}\n      regionalDepth: [kreis]',
        ),
        'mini.yaml',
      );
    } catch (e) {
      expect((e as Error).message).toMatch(/^mini\.yaml, Zeile \d+, Spalte \d+: Indikator ‚quote_u3‘/);
    }
  });

  it('rejects a reference date for something that is no input', () => {
    const [i] = broken(
      '{ betreut: 1. März, kinder: 31.12. des Vorjahres }\n      regionalDepth: [kreis]',
      '{ betreut: 1. März, kinder: 31.12., kinda: x }\n      regionalDepth: [kreis]',
    );
    expect(i).toMatchObject({ path: 'indicators[0].meta.referenceDates.kinda' });
    expect(i!.de).toContain('‚kinda‘ ist kein Eingang');
  });

  it('rejects an unknown source, and an input that none of the named sources yields', () => {
    const unknown = broken(
      'sources: [22543-01-02-4, 12411-02-03-4]',
      'sources: [22543-01-02-4, 12411-02-03-5]',
    );
    expect(unknown.find((i) => i.path === 'indicators[0].meta.sources[1]')?.de).toBe(
      'Unbekannte Quelle ‚12411-02-03-5‘ (bitte unter sources beschreiben)',
    );
    const all = broken('sources: [22543-01-02-4, 12411-02-03-4]', 'sources: [22543-01-02-4]');
    expect(all.map((i) => i.path)).toEqual([
      'sources.12411-02-03-4',
      'indicators[0].inputs.kinder.indicator',
    ]);
  });

  it('rejects an official source whose indicators are not named after the table', () => {
    const [i] = broken('indicators: [22543-01-02-4.betreute_kinder]', 'indicators: [betreute_kinder]');
    expect(i!.path).toBe('sources.22543-01-02-4.indicators[0]');
    expect(i!.de).toContain('22543-01-02-4.<Merkmal>');
  });

  it('asks local data for a howTo', () => {
    const [i] = broken('    howTo: CSV mit Spaltenzuordnung importieren.\n', '');
    expect(i).toMatchObject({ path: 'sources.kommunal.kita.howTo' });
  });

  it('checks the local variant: same inputs as the formula, local sources only, valid period rules', () => {
    const names = broken(
      'betreut: { indicator: kinder_in_betreuung, dims: { altersgruppe: u3 } }',
      'betreut2: { indicator: kinder_in_betreuung, dims: { altersgruppe: u3 } }',
    );
    expect(names.map((i) => i.de)).toContain(
      'Die kleinräumige Variante braucht dieselben Eingänge wie die Formel (betreut, kinder)',
    );
    const official = broken('sources: [kommunal.kita]', 'sources: [22543-01-02-4]');
    expect(official.map((i) => i.path)).toContain('indicators[0].meta.local.sources[0]');
    const rule = broken(
      'betreut: { indicator: kinder_in_betreuung, dims: { altersgruppe: u3 } }',
      'betreut: { indicator: kinder_in_betreuung, dims: { altersgruppe: u3 }, period: previous-year-end }',
    );
    expect(rule.map((i) => i.path)).toContain('indicators[0].meta.local.inputs.betreut.period');
  });

  it('suggests the right name for a misspelt catalogue field and says the field is missing', () => {
    const found = broken('      topic: fruehkindliche_bildung', '      toppic: fruehkindliche_bildung');
    expect(found.find((x) => x.path === 'indicators[0].meta.topic')?.de).toMatch(
      /^Pflichtfeld fehlt \(erlaubt: rahmenbedingungen, grundinformationen, /,
    );
    expect(found.find((x) => x.path === 'indicators[0].meta.toppic')?.de).toMatch(
      /^unbekanntes Feld ‚toppic‘ – meinten Sie ‚topic‘\? \(erlaubt: topic, tier/,
    );
  });

  it('rejects an unknown topic and tier with the allowed values', () => {
    const [i] = broken('tier: kern', 'tier: kernindikator');
    expect(i!.path).toBe('indicators[0].meta.tier');
    expect(i!.de).toBe('ungültiger Wert: den Text ‚kernindikator‘; erlaubt: kern, ueberblick, ergaenzung');
  });

  it('a verified Regionalatlas comparison needs the published column; an adopted one needs it as input', () => {
    const [a] = broken('          indicator: AI003-3.betreuungsquote_0_bis_2_jahre\n', '');
    expect(a!.path).toBe('indicators[0].meta.regionalatlas[0].indicator');
    const [b] = broken('comparison: identical', 'comparison: adopted');
    expect(b!.path).toBe('indicators[0].meta.regionalatlas[0].comparison');
  });

  it('rejects a source no indicator uses and a code that an import already creates', () => {
    const unused = broken(
      'indicators:\n  - code: quote_u3',
      `  99999-01-01-4:
    title: Ungenutzt
    origin: official
    reference: Jahr
    regionalDepth: [kreis]
    updateInterval: jährlich
    indicators: [99999-01-01-4.x]
    checkedWith: none
indicators:
  - code: quote_u3`,
    );
    expect(unused.map((i) => i.path)).toEqual(['sources.99999-01-01-4']);
    const taken = broken('  - code: quote_u3', '  - code: kinder_in_betreuung');
    expect(taken[0]!.de).toContain('schon der Code eines importierten Indikators');
  });
});

describe('parseDefinitionsFile reads a catalogue file as a definitions file', () => {
  it('ignores the catalogue and sources sections, still refuses unknown top-level fields', () => {
    expect(parseDefinitionsFile(MINI, 'mini.yaml').map((d) => d.code)).toEqual(['quote_u3']);
    const [i] = issues(() => parseDefinitionsFile(`katalog: {}\n${MINI}`, 'mini.yaml'));
    expect(i).toMatchObject({ path: 'katalog', line: 1, column: 1 });
    expect(i!.de).toBe('unbekanntes Feld ‚katalog‘ (erlaubt: indicators, catalogue, sources)');
  });
});
