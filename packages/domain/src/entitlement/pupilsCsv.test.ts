import { describe, expect, it } from 'vitest';
import { parsePupilCount, parsePupilsCsv, parseSchoolYear } from './pupilsCsv';

const UNITS = [
  { id: 'u1', name: 'Grundschule Altstadt', areaCode: 'GS01' },
  { id: 'u2', name: 'Grundschule Nord', areaCode: 'GS02' },
];

describe('pupil numbers from the school statistics (CSV)', () => {
  it('reads units by name or area code, school years in both notations, German counts', () => {
    const csv =
      '\uFEFFPlanungseinheit;Schuljahr;Klassenstufe;Schüler\r\n' +
      'Grundschule Altstadt;2026/27;1;84\r\n' +
      'gs02;2026;4;1.012\r\n' +
      '"Grundschule Nord";2027/2028;2;77,5\r\n';
    expect(parsePupilsCsv(csv, UNITS)).toEqual({
      rows: [
        { planningUnitId: 'u1', schoolYear: 2026, grade: 1, pupils: '84' },
        { planningUnitId: 'u2', schoolYear: 2026, grade: 4, pupils: '1012' },
        { planningUnitId: 'u2', schoolYear: 2027, grade: 2, pupils: '77.5' },
      ],
      errors: [],
    });
  });

  it('takes a comma separator and other column names and orders', () => {
    const csv = 'Schülerzahl,Klasse,Schuljahr,Schule\n30,3,2028/29,GS01\n';
    expect(parsePupilsCsv(csv, UNITS).rows).toEqual([
      { planningUnitId: 'u1', schoolYear: 2028, grade: 3, pupils: '30' },
    ]);
  });

  it('names line and column of every error and imports nothing then', () => {
    const csv = [
      'Planungseinheit;Schuljahr;Klassenstufe;Schüler',
      'Grundschule Altstadt;2026/27;1;84',
      'Grundschule Süd;2026/27;1;84',
      'GS01;2026/28;5;-3',
      'GS01;2026/27;1;90',
    ].join('\n');
    const r = parsePupilsCsv(csv, UNITS);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([
      'Zeile 3, Spalte „Planungseinheit“: „Grundschule Süd“ ist keine Planungseinheit (Name oder Gebietsschlüssel).',
      'Zeile 4, Spalte „Schuljahr“: „2026/28“ ist kein Schuljahr (z. B. 2026/27).',
      'Zeile 4, Spalte „Klassenstufe“: „5“ ist keine Klassenstufe der Grundschule (1 bis 4).',
      'Zeile 4, Spalte „Schüler“: „-3“ ist keine Schülerzahl (z. B. 84).',
      'Zeile 5: Grundschule Altstadt, 2026/27, Klasse 1 steht schon in Zeile 2.',
    ]);
  });

  it('a missing column or an empty file is reported; errors are bounded', () => {
    expect(parsePupilsCsv('Schule;Schuljahr;Anzahl\n', UNITS).errors).toEqual([
      'Zeile 1: Spalte „Klassenstufe“ fehlt (erwartet: Planungseinheit;Schuljahr;Klassenstufe;Schüler).',
    ]);
    expect(parsePupilsCsv('Schule;Schuljahr;Klasse;Anzahl\n', UNITS).errors).toEqual([
      'Die Datei enthält keine Zeilen mit Schülerzahlen.',
    ]);
    const many = ['Schule;Schuljahr;Klasse;Anzahl', ...Array.from({ length: 30 }, () => 'X;2026;1;1')];
    expect(parsePupilsCsv(many.join('\n'), UNITS, 10).errors).toHaveLength(10);
  });

  it('school years and counts', () => {
    expect(parseSchoolYear('2029/30')).toBe(2029);
    expect(parseSchoolYear('2099/2100')).toBe(2099);
    expect(parseSchoolYear('29/30')).toBeNull();
    expect(parsePupilCount('0')).toBe('0');
    expect(parsePupilCount('1.2')).toBeNull();
  });
});
