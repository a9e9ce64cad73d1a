import { describe, expect, it } from 'vitest';
import { classify, classOf, palette } from './classify';
import { legendRows } from './legend';
import { MONITORING_TEXTS } from './texts';

describe('legendRows', () => {
  it('lists the class bounds in German format with counts and the no-data class', () => {
    const values = [29, 30.3, 32.4, 35.3, 39.9, 45];
    const c = classify(values, 'equal', 4);
    const rows = [...values.map((v) => ({ cls: classOf(c, v) })), { cls: -1 }];
    const legend = legendRows(c, palette(4), rows, 1, 'de', MONITORING_TEXTS.de);
    expect(legend.map((l) => l.text)).toEqual([
      '29,0 bis 33,0',
      'über 33,0 bis 37,0',
      'über 37,0 bis 41,0',
      'über 41,0 bis 45,0',
      'keine Daten oder ausgeblendet',
    ]);
    expect(legend.map((l) => l.count)).toEqual([3, 1, 1, 1, 1]);
    expect(legend[4]!.color).toBeNull();
    expect(legend[0]!.color).toBe(palette(4)[0]);
  });

  it('has only the no-data row without values, and English texts', () => {
    const legend = legendRows(classify([], 'jenks', 5), [], [{ cls: -1 }], 0, 'en', MONITORING_TEXTS.en);
    expect(legend).toEqual([{ color: null, text: 'no data or withheld', count: 1 }]);
    const en = legendRows(
      classify([1000, 2000, 3000], 'equal', 3),
      palette(3),
      [],
      0,
      'en',
      MONITORING_TEXTS.en,
    );
    expect(en[1]!.text).toBe('above 1,667 to 2,333');
  });
});
