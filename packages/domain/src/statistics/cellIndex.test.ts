import { describe, expect, it } from 'vitest';
import { CellIndex } from './cellIndex';

describe('CellIndex', () => {
  it('finds the same duplicates whether it grows or is made in its final size', () => {
    const cells: Array<[string, string, string]> = [];
    for (let k = 0; k < 60; k++)
      for (let p = 0; p < 20; p++) for (let s = 0; s < 12; s++) cells.push([`K${k}`, `${2000 + p}`, `S${s}`]);
    // Every 97th cell again, later in the file.
    const lines = [...cells, ...cells.filter((_, i) => i % 97 === 0)];
    const found = (ix: CellIndex) => lines.map(([k, p, s], i) => ix.add(k, p, s, i + 1) ?? 0);
    const grown = found(new CellIndex());
    expect(found(new CellIndex(lines.length))).toEqual(grown);
    expect(grown.filter((x) => x > 0)).toHaveLength(Math.ceil(cells.length / 97));
    expect(grown[cells.length]).toBe(1);
  });
});
