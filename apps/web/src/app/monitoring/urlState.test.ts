import { describe, expect, it } from 'vitest';
import {
  apiQuery,
  availableDimValues,
  formatDims,
  mostDetailedLevel,
  parseDims,
  parseIndicatorParams,
  resolveArea,
  resolveDims,
  resolveSelection,
  withIndicatorParams,
} from './urlState';

const DIMS = [
  {
    code: 'betreuungsart',
    values: [
      { code: 'kita', isTotal: false },
      { code: 'tagespflege', isTotal: false },
      { code: 'insgesamt', isTotal: true },
    ],
  },
  {
    code: 'altersgruppe',
    values: [
      { code: 'u3', isTotal: false },
      { code: '3-5', isTotal: false },
      { code: 'insgesamt', isTotal: true },
    ],
  },
];

describe('dims parameter', () => {
  it('round-trips', () => {
    expect(parseDims('altersgruppe:u3,betreuungsart:kita')).toEqual({
      altersgruppe: 'u3',
      betreuungsart: 'kita',
    });
    expect(parseDims('altersgruppe:65+, broken, :x,y:')).toEqual({ altersgruppe: '65+' });
    expect(parseDims(null)).toEqual({});
    expect(formatDims({ b: '1', a: '2' })).toBe('a:2,b:1');
    expect(formatDims({ b: '1', a: '2', c: '3' }, ['b', 'a'])).toBe('b:1,a:2,c:3');
  });
});

describe('parseIndicatorParams / withIndicatorParams', () => {
  it('reads valid values and ignores invalid ones', () => {
    const p = parseIndicatorParams(
      new URLSearchParams(
        'period=2024-03-01&dims=altersgruppe:u3&level=stadtbezirk&area=abc&view=public&at=2023-01-01&method=jenks&classes=9',
      ),
    );
    expect(p).toEqual({
      period: '2024-03-01',
      dims: { altersgruppe: 'u3' },
      level: 'stadtbezirk',
      area: 'abc',
      view: 'public',
      at: '2023-01-01',
      method: 'jenks',
      classes: 7,
    });
    const bad = parseIndicatorParams(
      new URLSearchParams('period=2024&level=mond&view=alles&method=x&at=gestern'),
    );
    expect(bad).toMatchObject({
      period: null,
      level: null,
      view: null,
      method: 'quantile',
      classes: 5,
      at: null,
    });
  });

  it('writes changes, leaves defaults out and keeps other parameters', () => {
    const start = new URLSearchParams('q=keep&period=2020-03-01&method=jenks');
    const next = withIndicatorParams(
      start,
      {
        period: '2024-03-01',
        dims: { altersgruppe: 'u3', betreuungsart: 'kita' },
        method: 'quantile',
        classes: 5,
        view: 'public',
      },
      ['betreuungsart', 'altersgruppe'],
    );
    expect(next.get('q')).toBe('keep');
    expect(next.get('period')).toBe('2024-03-01');
    expect(next.get('dims')).toBe('betreuungsart:kita,altersgruppe:u3');
    expect(next.has('method')).toBe(false);
    expect(next.has('classes')).toBe(false);
    expect(next.get('view')).toBe('public');
    expect(withIndicatorParams(next, { view: null, classes: 3 }).toString()).toBe(
      'q=keep&period=2024-03-01&dims=betreuungsart%3Akita%2Caltersgruppe%3Au3&classes=3',
    );
    expect(start.get('period')).toBe('2020-03-01');
  });
});

describe('resolveDims', () => {
  it('takes the total value by default', () => {
    expect(resolveDims({}, DIMS)).toEqual({ betreuungsart: 'insgesamt', altersgruppe: 'insgesamt' });
  });

  it('keeps a valid requested value and replaces an unknown one', () => {
    expect(resolveDims({ betreuungsart: 'kita', altersgruppe: 'gibtsnicht' }, DIMS)).toEqual({
      betreuungsart: 'kita',
      altersgruppe: 'insgesamt',
    });
  });

  it('prefers values that have data when availability is known', () => {
    const available = availableDimValues([
      { dims: { betreuungsart: 'insgesamt', altersgruppe: 'u3' } },
      { dims: { betreuungsart: 'kita', altersgruppe: '3-5' } },
    ]);
    // altersgruppe has no total in the data: the first value with data is taken
    expect(resolveDims({}, DIMS, available)).toEqual({ betreuungsart: 'insgesamt', altersgruppe: 'u3' });
    expect(resolveDims({ betreuungsart: 'tagespflege' }, DIMS, available)).toEqual({
      betreuungsart: 'insgesamt',
      altersgruppe: 'u3',
    });
  });

  it('without a total and without data takes the first value', () => {
    expect(resolveDims({}, [{ code: 'x', values: [{ code: 'a', isTotal: false }] }])).toEqual({ x: 'a' });
    expect(resolveDims({}, [{ code: 'x', values: [] }])).toEqual({});
  });
});

describe('resolveSelection', () => {
  const detail = {
    periods: ['2022-03-01', '2024-03-01', '2023-03-01'],
    levels: ['gemeinde', 'stadtbezirk'] as const,
    canSeeInternal: true,
  };

  it('defaults to the latest period, the most detailed level and the internal view for editors', () => {
    const p = parseIndicatorParams(new URLSearchParams(''));
    expect(resolveSelection(p, { ...detail, levels: [...detail.levels] })).toEqual({
      period: '2024-03-01',
      level: 'stadtbezirk',
      view: 'internal',
      at: '2024-03-01',
    });
  });

  it('keeps valid requests and forces the public view for others', () => {
    const p = parseIndicatorParams(
      new URLSearchParams('period=2022-03-01&level=gemeinde&view=internal&at=2020-01-01'),
    );
    expect(resolveSelection(p, { ...detail, levels: [...detail.levels], canSeeInternal: false })).toEqual({
      period: '2022-03-01',
      level: 'gemeinde',
      view: 'public',
      at: '2020-01-01',
    });
  });

  it('copes with indicators without data', () => {
    const p = parseIndicatorParams(new URLSearchParams('period=2022-03-01'));
    expect(resolveSelection(p, { periods: [], levels: [], canSeeInternal: false })).toEqual({
      period: null,
      level: null,
      view: 'public',
      at: null,
    });
  });
});

describe('helpers', () => {
  it('mostDetailedLevel follows the official order', () => {
    expect(mostDetailedLevel(['kreis', 'land', 'gemeinde'])).toBe('gemeinde');
    expect(mostDetailedLevel([])).toBeNull();
  });

  it('resolveArea takes the requested area or the first by code', () => {
    const areas = [
      { id: 'b', code: '02' },
      { id: 'a', code: '01' },
    ];
    expect(resolveArea('b', areas)?.id).toBe('b');
    expect(resolveArea('zzz', areas)?.id).toBe('a');
    expect(resolveArea(null, [])).toBeNull();
  });

  it('apiQuery leaves empty parts out', () => {
    expect(apiQuery({ periods: '2024-03-01', dims: '', view: 'public', level: null })).toBe(
      '?periods=2024-03-01&view=public',
    );
    expect(apiQuery({})).toBe('');
  });
});
