import { describe, expect, it } from 'vitest';
import { keyLevel, kreisKeyOfGemeinde, normaliseKey } from './keys';

describe('keyLevel', () => {
  it.each([
    ['DG', 'bund'],
    ['01', 'land'],
    ['16', 'land'],
    ['031', 'regierungsbezirk'],
    ['01001', 'kreis'],
    ['03101000', 'gemeinde'],
    ['01051001', 'gemeinde'],
    ['031515401', 'gemeindeverband'],
    ['0713101', 'gemeindeverband'],
    ['0713100007', 'gemeinde'],
    ['03151401002', 'gemeinde'],
    ['031510401002', 'gemeinde'],
    ['071315001000', 'gemeindeverband'],
    ['031010000000', 'kreis'],
    ['031000000000', 'regierungsbezirk'],
    ['010000000000', 'land'],
  ] as const)('%s → %s', (code, level) => {
    expect(keyLevel(code)).toBe(level);
  });

  it.each(['', 'D', '00', '17', '1', '0101', '0101010101010', 'Hamburg-Altstadt', '01 001'])(
    '%s → null',
    (code) => {
      expect(keyLevel(code)).toBeNull();
    },
  );
});

describe('normaliseKey', () => {
  it.each([
    [' 01001 ', '01001'],
    ['dg', 'DG'],
    ['1001', '01001'],
    [1001, '01001'],
    ['1', '01'],
    ['1001000', '01001000'],
    ['81110000000', '081110000000'],
    ['0713101', '0713101'],
    ['09162', '09162'],
    ['03 101 000', '03101000'],
  ] as const)('%s → %s', (input, out) => {
    expect(normaliseKey(input)).toBe(out);
  });
});

describe('kreisKeyOfGemeinde', () => {
  it.each([
    ['03101000', '03101'],
    ['09162000', '09162'],
    ['031010000000', '03101'],
    ['03151401002', '03151'],
    ['01001', '01001'],
  ])('%s → %s', (code, kreis) => {
    expect(kreisKeyOfGemeinde(code)).toBe(kreis);
  });
  it('no Kreis for Land, Regierungsbezirk, invalid keys', () => {
    expect(kreisKeyOfGemeinde('03')).toBeNull();
    expect(kreisKeyOfGemeinde('031')).toBeNull();
    expect(kreisKeyOfGemeinde('DG')).toBeNull();
    expect(kreisKeyOfGemeinde('abc')).toBeNull();
  });
});
