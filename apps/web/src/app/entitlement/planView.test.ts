import { describe, expect, it } from 'vitest';
import {
  SCHOOL_ENTRY_CUTOFFS_BY_LAND,
  type EntitlementPlanDto,
  type EntitlementPlanRow,
} from '@dkbm/contract';
import {
  decimalToInput,
  germanDay,
  inputToDecimal,
  normaliseCutoff,
  percentToShare,
  rateToSignedPercent,
  signedPercentToRate,
  settingsBody,
  scopesOf,
  shareToPercent,
  totalsOf,
  unitRowsOf,
} from './planView';
import { ENTITLEMENT_TEXTS } from './texts';

const S = '00000000-0000-4000-8000-000000000001';
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const row = (o: Partial<EntitlementPlanRow>): EntitlementPlanRow => ({
  scenarioId: S,
  scenario: 'Bedarf 70 %',
  planningUnitId: A,
  schoolYear: 2026,
  scope: 'ganztag',
  entitledChildren: '100.00',
  demand: '70.00',
  places: '60.00',
  gap: '10.00',
  gapPercent: '14.29',
  ratio: '0.8571',
  status: 'shortfall',
  basis: 'population',
  ...o,
});
const unit = (id: string, name: string) => ({
  id,
  kind: 'grundschule' as const,
  name,
  areaId: id,
  areaCode: name,
  areaName: name,
});
const plan: EntitlementPlanDto = {
  schoolYears: [2026, 2027],
  planningUnits: [unit(A, 'Grundschule Altstadt'), unit(B, 'Grundschule Berg')],
  scenarios: [],
  rows: [
    row({}),
    row({ planningUnitId: B, gapPercent: '-20.00', status: 'covered' }),
    row({ planningUnitId: B, gapPercent: null, demand: '0.00', schoolYear: 2027 }),
    row({ scope: 'kita', planningUnitId: B }),
  ],
  totals: [row({ planningUnitId: null, schoolYear: 2027 }), row({ planningUnitId: null })],
  withoutPopulation: [],
  referenceDate: '2024-12-31',
};

describe('plan view model', () => {
  it('sorts the units of a year by gap in percent, largest first', () => {
    expect(unitRowsOf(plan, S, 'ganztag', 2026).map((x) => x.unit.name)).toEqual([
      'Grundschule Altstadt',
      'Grundschule Berg',
    ]);
    expect(unitRowsOf(plan, S, 'ganztag', 2027)).toHaveLength(1);
    expect(unitRowsOf(plan, 'other', 'ganztag', 2026)).toEqual([]);
  });
  it('orders the city totals by school year and lists the scopes present', () => {
    expect(totalsOf(plan, S, 'ganztag').map((r) => r.schoolYear)).toEqual([2026, 2027]);
    expect(scopesOf(plan, S)).toEqual(['ganztag', 'kita']);
  });
  it('converts a signed Wanderungssaldo in percent to a rate and back', () => {
    expect(signedPercentToRate('-1,5')).toBe('-0.015');
    expect(signedPercentToRate('\u2212 1,5')).toBe('-0.015');
    expect(signedPercentToRate('+2')).toBe('0.02');
    expect(signedPercentToRate('0,25')).toBe('0.0025');
    expect(signedPercentToRate('-0')).toBe('0');
    expect(signedPercentToRate('')).toBeNull();
    expect(signedPercentToRate('-')).toBeUndefined();
    expect(signedPercentToRate('-100')).toBeUndefined();
    expect(signedPercentToRate('100')).toBeUndefined();
    expect(signedPercentToRate('1,2,3')).toBeUndefined();
    expect(signedPercentToRate('viel')).toBeUndefined();
    expect(rateToSignedPercent('-0.015')).toBe('-1,5');
    expect(rateToSignedPercent('0.02')).toBe('2');
    expect(rateToSignedPercent(null)).toBe('');
  });
  it('converts shares and percent without binary rounding', () => {
    expect(shareToPercent('0.7')).toBe('70');
    expect(shareToPercent('0.805')).toBe('80,5');
    expect(shareToPercent(null)).toBe('');
    expect(percentToShare('80')).toBe('0.8');
    expect(percentToShare('80,5')).toBe('0.805');
    expect(percentToShare('100')).toBe('1');
    expect(percentToShare('0')).toBe('0');
    expect(percentToShare('7')).toBe('0.07');
    expect(percentToShare('0,5')).toBe('0.005');
    expect(percentToShare('')).toBeNull();
    expect(percentToShare('101')).toBeUndefined();
    expect(percentToShare('achtzig')).toBeUndefined();
  });
});

describe('numbers typed into the forms of places and expansions', () => {
  it('reads German and English numbers with thousands groups and decimal marks', () => {
    expect(inputToDecimal('50', 'de')).toBe('50');
    expect(inputToDecimal(' 1.200.000 ', 'de')).toBe('1200000');
    expect(inputToDecimal('12,5', 'de')).toBe('12.5');
    expect(inputToDecimal('-20', 'de')).toBe('-20');
    expect(inputToDecimal('1,200,000.50', 'en')).toBe('1200000.50');
    expect(inputToDecimal('007', 'en')).toBe('7');
    expect(inputToDecimal('', 'de')).toBe('');
  });
  it('refuses what is no number or has too many decimals', () => {
    expect(inputToDecimal('fünfzig', 'de')).toBeUndefined();
    expect(inputToDecimal('1.20.000', 'de')).toBeUndefined();
    expect(inputToDecimal('12,345', 'de')).toBeUndefined();
    expect(inputToDecimal('12,5', 'de', 0)).toBeUndefined();
  });
  it('shows stored decimals in the language of the form', () => {
    expect(decimalToInput('12.5', 'de')).toBe('12,5');
    expect(decimalToInput('12.5', 'en')).toBe('12.5');
    expect(decimalToInput(null, 'de')).toBe('');
  });
});

describe('plan settings form', () => {
  const tx = ENTITLEMENT_TEXTS.de.settings;
  const draft = {
    populationIndicatorCode: ' bevoelkerung_einzelalter ',
    ageDimensionCode: 'alter',
    schoolEntryCutoff: '30.6.',
    firstSchoolYear: '2026',
    lastSchoolYear: '2035',
    kitaPlacesSource: 'own' as const,
  };

  it('reads the Stichtag as MM-TT or in German form', () => {
    expect(normaliseCutoff('09-30')).toBe('09-30');
    expect(normaliseCutoff('9-30')).toBe('09-30');
    expect(normaliseCutoff('30.09.')).toBe('09-30');
    expect(normaliseCutoff(' 1.7 ')).toBe('07-01');
    expect(normaliseCutoff('Ende Juni')).toBe('Ende Juni');
    expect(germanDay('08-31')).toBe('31.08.');
  });

  it('builds the request body, or names the wrong fields in German', () => {
    expect(settingsBody(draft, tx)).toEqual({
      body: {
        populationIndicatorCode: 'bevoelkerung_einzelalter',
        ageDimensionCode: 'alter',
        schoolEntryCutoff: '06-30',
        firstSchoolYear: 2026,
        lastSchoolYear: 2035,
        kitaPlacesSource: 'own',
      },
      errors: null,
    });
    const bad = settingsBody(
      { ...draft, populationIndicatorCode: ' ', schoolEntryCutoff: '29.02.', lastSchoolYear: '2025' },
      tx,
    );
    expect(bad.body).toBeNull();
    expect(bad.errors).toEqual({
      populationIndicatorCode: '„Indikator der Bevölkerung nach einzelnen Altersjahren“: bitte ausfüllen.',
      schoolEntryCutoff: tx.cutoffError,
      lastSchoolYear: tx.yearsError,
    });
    expect(settingsBody({ ...draft, lastSchoolYear: '2047' }, tx).errors).toEqual({
      lastSchoolYear: tx.yearsError,
    });
  });

  it('every Land preset is a valid Stichtag, one per Land', () => {
    expect(new Set(SCHOOL_ENTRY_CUTOFFS_BY_LAND.map((l) => l.land)).size).toBe(16);
    for (const l of SCHOOL_ENTRY_CUTOFFS_BY_LAND) {
      expect(settingsBody({ ...draft, schoolEntryCutoff: l.cutoff }, tx).errors, l.name).toBeNull();
    }
  });
});
