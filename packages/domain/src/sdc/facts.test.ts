import { describe, expect, it } from 'vitest';
import { deriveFacts, type Fact } from './facts';
import { buildModel } from './model';
import type { SdcCell, SdcRelation } from './types';

const cells = (values: Record<string, string | null>): SdcCell[] =>
  Object.entries(values).map(([id, value]) => ({ id, value }));

/** Readable facts: '=' or '≤' over signed cell ids, e.g. '+T-a-b = 0'. */
function show(model: ReturnType<typeof buildModel>, facts: Fact[]): string[] {
  return facts.map(
    (f) =>
      `${f.cells.map((c, k) => `${f.coefs[k]! < 0 ? '-' : '+'}${model.ids[c]}`).join('')} ${f.eq ? '=' : '≤'} 0${f.assumed ? ' (angenommen)' : ''}`,
  );
}
const derive = (values: Record<string, string | null>, relations: SdcRelation[]) => {
  const model = buildModel(cells(values));
  return show(model, deriveFacts(model, relations));
};

describe('deriveFacts: relations become the facts that hold', () => {
  it('a total that is the sum of its parts gives one equation', () => {
    expect(derive({ T: '10', a: '4', b: '6' }, [{ total: 'T', parts: ['a', 'b'] }])).toEqual(['+T-a-b = 0']);
  });

  it('a total without double counting (Kita + Tagespflege > Insgesamt) gives part ≤ total ≤ Σ parts', () => {
    expect(derive({ T: '10', kita: '8', pflege: '4' }, [{ total: 'T', parts: ['kita', 'pflege'] }])).toEqual([
      '+T-kita-pflege ≤ 0',
      '+kita-T ≤ 0',
      '+pflege-T ≤ 0',
    ]);
  });

  it('one city of a Kreis (not the whole Kreis) gives city ≤ Kreis, never city = Kreis', () => {
    expect(derive({ kreis: '250', stadt: '120' }, [{ total: 'kreis', parts: ['stadt'] }])).toEqual([
      '-kreis+stadt ≤ 0',
    ]);
    // 22541-01-01-4, 1994: Kreis 05334 '-', the city 1 — only what holds (Kreis ≤ city), no equation.
    expect(derive({ kreis: '0', stadt: '1' }, [{ total: 'kreis', parts: ['stadt'] }])).toEqual([
      '+kreis-stadt ≤ 0',
    ]);
  });

  it('negative official counts are values like any other', () => {
    expect(derive({ T: '10', a: '-56', b: '66' }, [{ total: 'T', parts: ['a', 'b'] }])).toEqual([
      '+T-a-b = 0',
    ]);
  });

  it('a relation with a flagged cell is assumed as its family shows it, and marked as assumed', () => {
    const values = { T1: '10', a1: '4', b1: '6', T2: '9', a2: null, b2: '5' };
    const rels = [
      { total: 'T1', parts: ['a1', 'b1'], family: 'dim:x' },
      { total: 'T2', parts: ['a2', 'b2'], family: 'dim:x' },
    ];
    expect(derive(values, rels)).toEqual(['+T1-a1-b1 = 0', '+T2-a2-b2 = 0 (angenommen)']);
  });

  it('a family with a contradicting known relation gives flagged relations only what holds elsewhere', () => {
    const values = { T1: '10', a1: '8', b1: '4', T2: '9', a2: null, b2: '5' };
    const rels = [
      { total: 'T1', parts: ['a1', 'b1'], family: 'dim:x' },
      { total: 'T2', parts: ['a2', 'b2'], family: 'dim:x' },
    ];
    expect(derive(values, rels)).toEqual([
      '+T1-a1-b1 ≤ 0',
      '+a1-T1 ≤ 0',
      '+b1-T1 ≤ 0',
      '+T2-a2-b2 ≤ 0 (angenommen)',
      '+a2-T2 ≤ 0 (angenommen)',
      '+b2-T2 ≤ 0',
    ]);
  });

  it('rejects relations without parts, with unknown or repeated cells', () => {
    const model = buildModel(cells({ T: '1', a: '1' }));
    expect(() => deriveFacts(model, [{ total: 'T', parts: [] }])).toThrow(/keine Teile/);
    expect(() => deriveFacts(model, [{ total: 'T', parts: ['x'] }])).toThrow(/unbekannte Zelle x/);
    expect(() => deriveFacts(model, [{ total: 'T', parts: ['a', 'a'] }])).toThrow(/doppelt/);
  });
});
