import { describe, expect, it } from 'vitest';
import type { ImportRunDetail } from '@dkbm/contract';
import { analysedCreateAreas, initialDraft, valuesToWrite, type StatisticsAnalysis } from './draft';

function analysis(patch: Partial<StatisticsAnalysis> = {}): StatisticsAnalysis {
  return {
    kind: 'statistics',
    format: 'genesis-table',
    meta: {},
    measures: [
      {
        key: 'a',
        name: 'A',
        unit: null,
        existingIndicatorId: null,
        suggestedCode: 'a',
        cells: 10,
        writable: 6,
      },
      {
        key: 'b',
        name: 'B',
        unit: null,
        existingIndicatorId: null,
        suggestedCode: 'b',
        cells: 10,
        writable: 6,
      },
    ],
    dimensions: [],
    periods: ['2020-01-01'],
    periodType: 'year',
    rows: 20,
    flags: {},
    keys: {
      matched: 3,
      mapped: 0,
      created: [],
      unmatched: [
        {
          code: '09162',
          name: 'München',
          reason: 'unknown_key',
          hint: null,
          suggestion: null,
          count: 8,
          byMeasure: { a: 4, b: 4 },
        },
      ],
    },
    needsMapping: false,
    warnings: [],
    ...patch,
  };
}

const run = (a: StatisticsAnalysis, options: ImportRunDetail['options'] = {}) =>
  ({ analysis: a, options }) as unknown as ImportRunDetail;

describe('what the commit will write, before it is done', () => {
  it('counts only cells with an area, of the measures that are imported', () => {
    const a = analysis();
    const d = initialDraft(run(a));
    expect(valuesToWrite(a, { ...d, skipUnmatched: true })).toBe(12);
    d.measures.b = { ...d.measures.b!, skip: true };
    expect(valuesToWrite(a, d)).toBe(6);
    // A key mapped by hand adds its cells of the imported measures.
    expect(valuesToWrite(a, { ...d, keyMappings: { '09162': 'area-1' } })).toBe(10);
  });

  it('every key left out: 0, not the number of cells in the file', () => {
    const a = analysis({
      measures: [
        {
          key: 'a',
          name: 'A',
          unit: null,
          existingIndicatorId: null,
          suggestedCode: 'a',
          cells: 28404,
          writable: 0,
        },
      ],
    });
    expect(valuesToWrite(a, { ...initialDraft(run(a)), skipUnmatched: true })).toBe(0);
  });

  it('„Unbekannte Gebiete anlegen“ starts as the analysis decided it', () => {
    expect(analysedCreateAreas(run(analysis({ createAreas: false })))).toBe(false);
    expect(initialDraft(run(analysis({ createAreas: false }))).createAreas).toBe(false);
    expect(analysedCreateAreas(run(analysis({ createAreas: false }), { createAreas: true }))).toBe(true);
    expect(analysedCreateAreas(run(analysis()))).toBe(true);
  });
});
