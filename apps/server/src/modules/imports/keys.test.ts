import { describe, expect, it } from 'vitest';
import { createdByLevel, defaultCreateAreas, placeOfKey } from './keys';

describe('own, parent and foreign keys of a tenant', () => {
  const kiel = { ags: '01002000', name: 'Kiel' }; // kreisfreie Stadt
  const kreis = { ags: '03159', name: 'Landkreis Göttingen' };
  const gemeinde = { ags: '03159016', name: 'Göttingen, Stadt' }; // kreisangehörige Gemeinde

  it.each([
    [kiel, 'DG', 'parent'],
    [kiel, '01', 'parent'],
    [kiel, '02', 'outside'],
    [kiel, '01002', 'own'],
    [kiel, '01001', 'outside'],
    [kiel, '01002000', 'own'],
    [kiel, 'A-17', 'own'],
    [kreis, '031', 'parent'],
    [kreis, '03159', 'own'],
    [kreis, '03159016', 'own'],
    [kreis, '031590016016', 'own'],
    [kreis, '03152', 'outside'],
    [gemeinde, '03159', 'parent'],
    [gemeinde, '03159016', 'own'],
    [gemeinde, '03159017', 'outside'],
    [gemeinde, '031590016016', 'own'],
    [{ ags: null, name: 'Agentur' }, '01002', 'unknown'],
  ] as const)('%o: %s is %s', (t, code, place) => {
    expect(placeOfKey(code, t)).toBe(place);
  });

  it('„Unbekannte Gebiete anlegen“ is off by default when most keys lie outside', () => {
    const national = ['DG', '01', '01001', '01002', '01003', '02', '02000'].map((code) => ({ code }));
    expect(defaultCreateAreas(national, kiel)).toEqual({ createAreas: false, outside: 4, total: 7 });
    const own = ['DG', '01', '01002'].map((code) => ({ code }));
    expect(defaultCreateAreas(own, kiel)).toEqual({ createAreas: true, outside: 0, total: 3 });
    expect(defaultCreateAreas(national, { ags: null, name: '' }).createAreas).toBe(true);
  });

  it('counts areas to create per level, broad levels first', () => {
    expect(
      createdByLevel([
        { code: '01001', name: null, level: 'kreis' },
        { code: 'DG', name: null, level: 'bund' },
        { code: '01002', name: null, level: 'kreis' },
      ]),
    ).toEqual([
      { level: 'bund', count: 1 },
      { level: 'kreis', count: 2 },
    ]);
  });
});
