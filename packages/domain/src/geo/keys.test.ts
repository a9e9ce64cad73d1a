import { describe, expect, it } from 'vitest';
import { suggestKeyProperty, suggestNameProperty } from './keys';
import { keyText, mergeByKey } from './merge';
import type { BoundaryFeature, Position } from './types';

const rows = (...list: Array<Record<string, unknown>>) => list.map((properties) => ({ properties }));

describe('suggestKeyProperty', () => {
  it('prefers official keys in the order ARS, AGS, RS, …', () => {
    const f = rows(
      { OBJID: 'A1', AGS: '01001000', ARS: '010010000000', GEN: 'Flensburg' },
      { OBJID: 'A2', AGS: '01002000', ARS: '010020000000', GEN: 'Kiel' },
    );
    expect(suggestKeyProperty(['OBJID', 'AGS', 'ARS', 'GEN'], f)).toBe('ARS');
    expect(suggestKeyProperty(['OBJID', 'AGS', 'GEN'], f)).toBe('AGS');
  });

  it('matches case-insensitively and skips columns that are mostly empty', () => {
    const f = rows(
      { ags: '05111', id: null, GEN: 'Düsseldorf' },
      { ags: '05112', id: null, GEN: 'Duisburg' },
    );
    expect(suggestKeyProperty(['ags', 'id', 'GEN'], f)).toBe('ags');
    expect(suggestKeyProperty(['id', 'GEN'], f)).toBeNull();
  });

  it('knows city keys (ESB, STT_NR, PLR_ID, Schluessel) and accepts repeated keys', () => {
    expect(
      suggestKeyProperty(
        ['ID', 'ESB', 'BEZ'],
        rows({ ID: '0101', ESB: '0101', BEZ: '01' }, { ID: '0102', ESB: '0102', BEZ: '01' }),
      ),
    ).toBe('ESB');
    expect(
      suggestKeyProperty(
        ['STT_NAME', 'STT_NR'],
        rows({ STT_NR: '101', STT_NAME: 'Altstadt/Süd' }, { STT_NR: '102', STT_NAME: 'Neustadt/Süd' }),
      ),
    ).toBe('STT_NR');
    expect(
      suggestKeyProperty(
        ['Gemeinde_n', 'Schluessel'],
        rows({ Schluessel: '11000012' }, { Schluessel: '11000001' }),
      ),
    ).toBe('Schluessel');
    expect(suggestKeyProperty(['ARS', 'GEN'], rows({ ARS: '01' }, { ARS: '01' }, { ARS: '02' }))).toBe('ARS');
  });

  it('falls back to a unique id-like column, never to names or areas', () => {
    const f = rows(
      { e_nr: '01010010', e_name: 'Kita A', flaeche: 1.5 },
      { e_nr: '01010020', e_name: 'Kita B', flaeche: 2.5 },
    );
    expect(suggestKeyProperty(['e_name', 'flaeche', 'e_nr'], f)).toBe('e_nr');
    expect(suggestKeyProperty(['e_name', 'flaeche'], f)).toBeNull();
  });
});

describe('suggestNameProperty', () => {
  it('prefers GEN, then name-like columns', () => {
    const f = rows(
      { GEN: 'Flensburg', BEZ: 'Kreisfreie Stadt', name: 'x' },
      { GEN: 'Kiel', BEZ: 'Kreisfreie Stadt', name: 'y' },
    );
    expect(suggestNameProperty(['BEZ', 'name', 'GEN'], f)).toBe('GEN');
    expect(
      suggestNameProperty(['BEZ', 'STT_NAME'], rows({ STT_NAME: 'Altstadt/Süd' }, { STT_NAME: 'Deutz' })),
    ).toBe('STT_NAME');
  });

  it('ignores grouping attributes (many features, few distinct values) and the key itself', () => {
    const f = Array.from({ length: 20 }, (_, i) => ({
      properties: { ESB: String(i).padStart(4, '0'), BEZName: i < 10 ? 'Mitte' : 'Spandau' },
    }));
    expect(suggestNameProperty(['ESB', 'BEZName'], f, 'ESB')).toBeNull();
    expect(
      suggestNameProperty(
        ['NAME_1', 'NAME_3'],
        rows(
          { NAME_1: 'Bayern', NAME_3: 'München' },
          { NAME_1: 'Bayern', NAME_3: 'Dachau' },
          { NAME_1: 'Bayern', NAME_3: 'Erding' },
          { NAME_1: 'Bayern', NAME_3: 'Freising' },
          { NAME_1: 'Bayern', NAME_3: 'Ebersberg' },
        ),
      ),
    ).toBe('NAME_3');
  });
});

const sq = (x: number): Position[] => [
  [x, 0],
  [x + 1, 0],
  [x + 1, 1],
  [x, 1],
  [x, 0],
];

function feature(index: number, props: BoundaryFeature['properties'], multi = false): BoundaryFeature {
  return {
    index,
    properties: props,
    geometry: multi
      ? { type: 'MultiPolygon', coordinates: [[sq(index * 10)], [sq(index * 10 + 3)]] }
      : { type: 'Polygon', coordinates: [sq(index * 10)] },
  };
}

describe('mergeByKey', () => {
  it('merges features with the same key into one MultiPolygon, in order of first appearance', () => {
    const features = [
      feature(0, { ARS: '01', GEN: 'Schleswig-Holstein', GF: 4 }),
      feature(1, { ARS: '02', GEN: 'Hamburg' }),
      feature(2, { ARS: '01', GEN: 'Schleswig-Holstein', GF: 2 }, true),
      feature(3, { ARS: '03', GEN: 'Niedersachsen' }, true),
    ];
    const merged = mergeByKey(features, 'ARS');
    expect(merged.map((m) => [m.key, m.name, m.featureIndexes])).toEqual([
      ['01', 'Schleswig-Holstein', [0, 2]],
      ['02', 'Hamburg', [1]],
      ['03', 'Niedersachsen', [3]],
    ]);
    expect(merged[0]!.geometry.type).toBe('MultiPolygon');
    expect(merged[0]!.geometry.coordinates).toHaveLength(3);
    // Single features keep their geometry object.
    expect(merged[1]!.geometry).toBe(features[1]!.geometry);
    expect(merged[2]!.geometry).toBe(features[3]!.geometry);
  });

  it('featureIndexes are positions in the given array (not the source index)', () => {
    const features = [feature(7, { id: 'a' }), feature(9, { id: 'a' })];
    expect(mergeByKey(features, 'id', null)[0]!.featureIndexes).toEqual([0, 1]);
  });

  it('numeric keys become text, empty keys are left out, explicit name property wins', () => {
    const features = [
      feature(0, { ags: 5111, label: 'D', GEN: 'Düsseldorf' }),
      feature(1, { ags: null, GEN: 'ohne' }),
      feature(2, { ags: '', GEN: 'leer' }),
    ];
    const merged = mergeByKey(features, 'ags', 'label');
    expect(merged).toHaveLength(1);
    expect(merged[0]).toMatchObject({ key: '5111', name: 'D' });
    expect(keyText(' 01001 ')).toBe('01001');
    expect(keyText(0)).toBe('0');
  });
});
