import { describe, expect, it } from 'vitest';
import type { Instrument, InstrumentContent, Results } from '@dkbm/contract';
import {
  answeredCount,
  changeDelta,
  changeOf,
  changeSummary,
  cleanContent,
  componentName,
  defaultInstrument,
  distributionRows,
  formatMedian,
  formatSize,
  inputToNumber,
  isHttpUrl,
  isIsoDate,
  keyFromName,
  numberToInput,
  profileRows,
  validateContent,
} from './model';
import { ASSESSMENT_TEXTS } from './texts';

const content = (components: InstrumentContent['components']): InstrumentContent => ({
  title: 'Modell',
  description: null,
  source: 'Quelle',
  components,
  frameworkConditions: [],
});
const comp = (key: string, name = key) => ({
  key,
  name,
  nameEn: null,
  question: 'Wie?',
  types: ['a', 'b', 'c', 'd'],
});

describe('changes between rounds', () => {
  it('gives direction and signed delta', () => {
    expect(changeOf(3, 2)).toBe('up');
    expect(changeOf(1, 2)).toBe('down');
    expect(changeOf(2, 2)).toBe('same');
    expect(changeOf(2, null)).toBe('none');
    expect(changeOf(null, 2)).toBe('none');
    expect(changeDelta(4, 2)).toBe('+2');
    expect(changeDelta(1, 3)).toBe('−2');
    expect(changeDelta(2, 2)).toBe('±0');
    expect(changeDelta(null, 2)).toBe('');
  });
});

describe('profile rows', () => {
  const results: Pick<Results, 'instrument' | 'profile' | 'earlier'> = {
    instrument: content([comp('a', 'Ziele'), comp('b', 'Daten'), comp('neu', 'Neu')]),
    profile: [
      { key: 'a', name: 'Ziele', agreed: 3, min: 2, max: 4 },
      { key: 'b', name: 'Daten', agreed: 1, min: 1, max: 1 },
      { key: 'neu', name: 'Neu', agreed: null, min: null, max: null },
    ],
    earlier: [
      {
        roundId: '00000000-0000-4000-8000-000000000001',
        title: '2025',
        endsOn: '2025-06-30',
        profile: [
          { key: 'a', agreed: 2 },
          { key: 'b', agreed: 2 },
        ],
      },
      {
        roundId: '00000000-0000-4000-8000-000000000002',
        title: '2023',
        endsOn: '2023-06-30',
        profile: [{ key: 'a', agreed: 3 }],
      },
    ],
  };

  it('follows the instrument order and compares with the newest earlier round', () => {
    const rows = profileRows(results, 'de');
    expect(rows.map((r) => [r.key, r.agreed, r.earlier, r.change])).toEqual([
      ['a', 3, 2, 'up'],
      ['b', 1, 2, 'down'],
      ['neu', null, null, 'none'],
    ]);
    expect(changeSummary(rows)).toEqual({ up: 1, down: 1, same: 0, none: 1 });
  });

  it('compares with another earlier round on request', () => {
    const rows = profileRows(results, 'de', 1);
    expect(rows.map((r) => r.change)).toEqual(['same', 'none', 'none']);
  });

  it('uses English names when the instrument has them', () => {
    expect(componentName({ name: 'Qualität', nameEn: 'Quality' }, 'en')).toBe('Quality');
    expect(componentName({ name: 'Qualität', nameEn: null }, 'en')).toBe('Qualität');
    expect(componentName({ name: 'Qualität', nameEn: 'Quality' }, 'de')).toBe('Qualität');
  });
});

describe('answers', () => {
  it('counts a type or „kann ich nicht einschätzen“, only for current components', () => {
    const answers = [
      { componentKey: 'a', level: 2, cannotAssess: false },
      { componentKey: 'b', level: null, cannotAssess: true },
      { componentKey: 'c', level: null, cannotAssess: false },
      { componentKey: 'removed', level: 4, cannotAssess: false },
    ];
    expect(answeredCount(answers, ['a', 'b', 'c', 'd'])).toBe(2);
  });
});

describe('distribution', () => {
  it('gives bars with shares, none when hidden', () => {
    expect(distributionRows({ distribution: [1, 0, 2, 1], n: 4 })).toEqual([
      { level: 1, count: 1, percent: 25 },
      { level: 2, count: 0, percent: 0 },
      { level: 3, count: 2, percent: 50 },
      { level: 4, count: 1, percent: 25 },
    ]);
    expect(distributionRows({ distribution: null, n: 2 })).toBeNull();
  });
});

describe('instrument versions', () => {
  const inst = (id: string, version: number, tenantId: string | null): Instrument => ({
    id,
    family: 'f',
    version,
    tenantId,
    content: content([comp('a')]),
    createdAt: `2026-01-0${version}T00:00:00Z`,
    usedBy: 0,
  });
  it('prefers the newest own version, else the platform default', () => {
    const d = inst('d', 1, null);
    expect(defaultInstrument([d])?.id).toBe('d');
    expect(defaultInstrument([d, inst('t2', 2, 'x'), inst('t3', 3, 'x')])?.id).toBe('t3');
    expect(defaultInstrument([])).toBeUndefined();
  });
});

describe('instrument editor', () => {
  const tx = ASSESSMENT_TEXTS.de.validation;
  it('suggests keys from names', () => {
    expect(keyFromName('Übergänge & Öffnung', [])).toBe('uebergaenge_oeffnung');
    expect(keyFromName('Qualität', ['qualitaet'])).toBe('qualitaet_2');
    expect(keyFromName('!!!', [])).toBe('komponente');
  });

  it('accepts the default-like content', () => {
    expect(validateContent(content([comp('a'), comp('b')]), tx)).toEqual([]);
  });

  it('names component and field of every problem', () => {
    const bad = content([comp('a'), { ...comp('a'), name: ' ', types: ['x', '', 'y', 'z'] }, comp('B-1')]);
    const errors = validateContent(bad, tx);
    expect(errors).toEqual([
      {
        field: 'ie-c1-key',
        message: 'Der Schlüssel „a“ kommt mehrfach vor. Schlüssel müssen eindeutig sein.',
      },
      { field: 'ie-c1-name', message: 'Bitte „Komponente 2: Bezeichnung“ ausfüllen.' },
      { field: 'ie-c1-type2', message: 'Bitte „Komponente 2: Typ\u00a02“ ausfüllen.' },
      {
        field: 'ie-c2-key',
        message:
          '„Komponente 3: Schlüssel“: nur Kleinbuchstaben, Ziffern und Unterstriche (höchstens 60 Zeichen).',
      },
    ]);
  });

  it('needs a component and a source', () => {
    const errors = validateContent({ ...content([]), source: '' }, tx);
    expect(errors.map((e) => e.field)).toEqual(['ie-source', 'ie-add-component']);
  });

  it('cleans texts for the API', () => {
    const c = cleanContent({
      ...content([{ ...comp(' a '), nameEn: ' ', name: ' Name ' }]),
      description: '  ',
      frameworkConditions: [{ key: 'x', group: 'struktur', name: ' X ', hint: '', kind: 'text', unit: ' ' }],
    });
    expect(c.description).toBeNull();
    expect(c.components[0]).toMatchObject({ key: 'a', name: 'Name', nameEn: null });
    expect(c.frameworkConditions[0]).toMatchObject({ name: 'X', hint: null, unit: null });
  });
});

describe('inputs', () => {
  it('checks dates and addresses', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('28.02.2026')).toBe(false);
    expect(isHttpUrl('https://example.org/a')).toBe(true);
    expect(isHttpUrl('www.example.org')).toBe(false);
    expect(isHttpUrl('http://a b')).toBe(false);
  });

  it('reads numbers in the interface language', () => {
    expect(inputToNumber('12.345', 'de')).toBe('12345');
    expect(inputToNumber('12345,5', 'de')).toBe('12345.5');
    expect(inputToNumber('1.234.567,25', 'de')).toBe('1234567.25');
    expect(inputToNumber('12,345.5', 'en')).toBe('12345.5');
    expect(inputToNumber('', 'de')).toBe('');
    expect(inputToNumber('zwölf', 'de')).toBeNull();
    expect(numberToInput('12345.5', 'de')).toBe('12345,5');
    expect(numberToInput('12345.5', 'en')).toBe('12345.5');
    expect(numberToInput(null, 'de')).toBe('');
  });

  it('formats medians and sizes', () => {
    expect(formatMedian(2.5, 'de')).toBe('2,5');
    expect(formatMedian(3, 'en')).toBe('3');
    expect(formatMedian(null, 'de')).toBe('');
    expect(formatSize(512, 'de')).toBe('512 B');
    expect(formatSize(2048, 'de')).toBe('2 kB');
    expect(formatSize(1.5 * 1024 * 1024, 'de')).toBe('1,5 MB');
  });
});
