import { describe, expect, it } from 'vitest';
import { comparePeriods, parsePeriod } from './periods';
import { cleanLabel, isTotalLabel, isValueWord, slug } from './text';

describe('parsePeriod', () => {
  it.each([
    ['2015', { type: 'year', date: '2015-01-01' }],
    ['01.03.2016', { type: 'date', date: '2016-03-01' }],
    ['31.12.2015', { type: 'date', date: '2015-12-31' }],
    ['9.5.2011', { type: 'date', date: '2011-05-09' }],
    ['2015-12-31', { type: 'date', date: '2015-12-31' }],
    ['2015/16', { type: 'school_year', date: '2015-08-01' }],
    ['2015/2016', { type: 'school_year', date: '2015-08-01' }],
    ['1999/00', { type: 'school_year', date: '1999-08-01' }],
    ['1. Halbjahr 2015', { type: 'half_year', date: '2015-01-01' }],
    ['2. Hj. 2015', { type: 'half_year', date: '2015-07-01' }],
    ['H2 2024', { type: 'half_year', date: '2024-07-01' }],
    ['2024-H1', { type: 'half_year', date: '2024-01-01' }],
  ])('%s', (label, period) => {
    expect(parsePeriod(label)).toEqual(period);
  });

  it.each(['', 'abc', '2015/17', '31.02.2015', '2015-13-01', '15', '20150', 'Deutschland'])(
    '%s is no period',
    (s) => {
      expect(parsePeriod(s)).toBeNull();
    },
  );

  it('29 February only in leap years', () => {
    expect(parsePeriod('29.02.2016')).toEqual({ type: 'date', date: '2016-02-29' });
    expect(parsePeriod('29.02.2015')).toBeNull();
  });

  it('with a type', () => {
    expect(parsePeriod('2015', 'school_year')).toEqual({ type: 'school_year', date: '2015-08-01' });
    expect(parsePeriod('2015-06-30', 'date')).toEqual({ type: 'date', date: '2015-06-30' });
    expect(parsePeriod('2015-06-30', 'half_year')).toEqual({ type: 'half_year', date: '2015-01-01' });
    expect(parsePeriod('31.12.2015', 'year')).toEqual({ type: 'year', date: '2015-01-01' });
    expect(parsePeriod('2015', 'date')).toBeNull();
    expect(parsePeriod('2015/16', 'year')).toBeNull();
  });

  it('sorts by date, then type', () => {
    const ps = [
      { type: 'date', date: '2015-12-31' },
      { type: 'year', date: '2015-01-01' },
      { type: 'date', date: '2015-01-01' },
    ] as const;
    expect([...ps].toSorted(comparePeriods).map((x) => `${x.type}:${x.date}`)).toEqual([
      'year:2015-01-01',
      'date:2015-01-01',
      'date:2015-12-31',
    ]);
  });
});

describe('slug', () => {
  it.each([
    ['Betreute Kinder', 'betreute_kinder'],
    ['unter 3 Jahre', 'unter_3_jahre'],
    ['Schüler(innen) an allgemein bildenden Schulen', 'schueler_innen_an_allgemein_bildenden_schulen'],
    ['Größe ÄÖÜ äöü ß', 'groesse_aeoeue_aeoeue_ss'],
    ['Insgesamt (ohne Doppelzählungen)', 'insgesamt_ohne_doppelzaehlungen'],
    ['  --Café & Crème--  ', 'cafe_creme'],
    ['Klassenstufe / Jahrgangsstufe / Schulbesuchsjahr', 'klassenstufe_jahrgangsstufe_schulbesuchsjahr'],
    ['***', 'unbenannt'],
  ])('%s → %s', (label, key) => {
    expect(slug(label)).toBe(key);
  });
});

describe('labels', () => {
  it.each([
    'Insgesamt',
    'insgesamt',
    'Zusammen',
    'Gesamt',
    'Insgesamt (ohne Doppelzählungen)',
    'Tätige Personen insgesamt',
  ])('%s is a total', (s) => expect(isTotalLabel(s)).toBe(true));
  it.each(['weiblich', 'Gesamtschulen', 'Gesamtbevölkerung', 'unter 3 Jahre', 'Kinder aller Altersgruppen'])(
    '%s is no total',
    (s) => expect(isTotalLabel(s)).toBe(false),
  );
  it('value words', () => {
    for (const s of ['männlich', 'weiblich', 'Deutsche', 'Ausländer(innen)', 'Insgesamt'])
      expect(isValueWord(s)).toBe(true);
    for (const s of ['Geschlecht', 'Altersgruppe', 'Nationalität']) expect(isValueWord(s)).toBe(false);
  });
  it('cleanLabel collapses whitespace and line breaks', () => {
    expect(cleanLabel('  Fläche \nin km\u00a02 ')).toBe('Fläche in km 2');
  });
});
