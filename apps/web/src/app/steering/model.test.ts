import { describe, expect, it } from 'vitest';
import {
  chartScales,
  dimsKey,
  formatDecimal,
  formatEuro,
  formatRate,
  parseDecimalInput,
  timelineLayout,
} from './model';

describe('steering page helpers', () => {
  it('formats decimals and rates the German way', () => {
    expect(formatDecimal('1234.5', 'de')).toBe('1.234,5');
    expect(formatDecimal('0.125', 'de', 2)).toBe('0,13');
    expect(formatDecimal(null, 'de')).toBe('–');
    expect(formatDecimal('1234.5', 'en')).toBe('1,234.5');
    expect(formatRate('0.034', 'de')).toBe('3,4\u00a0%');
    expect(formatEuro('650000.5', 'de')).toBe('650.000,50 €');
    expect(formatEuro(null, 'de')).toBe('–');
  });

  it('reads numbers typed with a decimal comma or point', () => {
    expect(parseDecimalInput('45,5')).toBe('45.5');
    expect(parseDecimalInput('1.234,5')).toBe('1234.5');
    expect(parseDecimalInput('45.5')).toBe('45.5');
    expect(parseDecimalInput(' 12 ')).toBe('12');
    expect(parseDecimalInput('12a')).toBeNull();
    expect(parseDecimalInput('')).toBeNull();
  });

  it('maps the first and last period to the edges and higher values upwards', () => {
    const s = chartScales(['2020-01-01', '2030-01-01'], [10, 20], 200, 100, 10);
    expect(s.x('2020-01-01')).toBe(10);
    expect(s.x('2030-01-01')).toBe(190);
    expect(s.y(20)).toBeLessThan(s.y(10));
  });

  it('gives a dimension selection one key regardless of order', () => {
    expect(dimsKey({ b: '2', a: '1' })).toBe(dimsKey({ a: '1', b: '2' }));
  });

  it('lays measures out on a timeline of whole years', () => {
    const t = timelineLayout(
      [
        { id: 'a', startOn: '2024-01-01', endOn: '2025-01-01', milestones: [{ dueOn: '2024-07-02' }] },
        { id: 'b', startOn: '2025-01-01', endOn: null, milestones: [] },
        { id: 'c', startOn: null, endOn: '2025-06-30', milestones: [] },
      ],
      '2025-07-02',
    )!;
    // 2024-01-01 … 2026-01-01: two years (731 days); 2025-01-01 is day 366.
    expect(t.years.map((y) => y.year)).toEqual([2024, 2025]);
    expect(t.rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(t.rows[0]!.left).toBe(0);
    expect(t.rows[0]!.width).toBeCloseTo((366 / 731) * 100, 6);
    expect(t.rows[0]!.milestones[0]).toBeCloseTo((183 / 731) * 100, 6);
    expect(t.rows[1]).toMatchObject({ open: true });
    expect(t.rows[1]!.left + t.rows[1]!.width).toBeCloseTo(100, 6);
    expect(t.today).toBeCloseTo((548 / 731) * 100, 6);
    expect(
      timelineLayout([{ id: 'x', startOn: null, endOn: null, milestones: [] }], '2025-01-01'),
    ).toBeNull();
  });
});
