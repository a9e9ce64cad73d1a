import { describe, expect, it } from 'vitest';
import { generateDemoMunicipality } from './generate';
import { generateDemoCatchments, generateDemoSingleAgePopulation } from './entitlement';
import { dissolveRings } from './dissolve';
import { signedArea, type Position } from './geometry';

const area = (g: ReturnType<typeof dissolveRings>) =>
  g.type === 'Polygon'
    ? signedArea(g.coordinates[0]!)
    : g.coordinates.reduce((a, p) => a + signedArea(p[0]!), 0);

describe('demo data for entitlement planning', () => {
  const city = generateDemoMunicipality();

  it('splits the age groups into single years that add up to the groups', () => {
    const rows = generateDemoSingleAgePopulation(city);
    const year = Math.max(...city.years);
    for (const d of city.districts) {
      const group = (g: string) =>
        city.population.find((p) => p.districtCode === d.code && p.year === year && p.ageGroup === g)!.value;
      const sum = (from: number, to: number) =>
        rows
          .filter((r) => r.districtCode === d.code && r.age >= from && r.age <= to)
          .reduce((a, r) => a + r.value, 0);
      expect(sum(0, 2)).toBe(group('u3'));
      expect(sum(3, 5)).toBe(group('3-5'));
      expect(sum(6, 9)).toBe(group('6-9'));
    }
    expect(generateDemoSingleAgePopulation(city)).toEqual(rows);
  });

  it('makes 8 catchments of whole neighbouring districts; each district in exactly one', () => {
    const c = generateDemoCatchments(city);
    expect(c).toHaveLength(8);
    const all = c.flatMap((x) => x.districtCodes).toSorted();
    expect(all).toEqual(city.districts.map((d) => d.code).toSorted());
    for (const x of c) {
      // Neighbours dissolve into one polygon whose area is the sum of the districts' areas.
      expect(x.geometry.type).toBe('Polygon');
      const parts = x.districtCodes.map((code) =>
        signedArea(city.districts.find((d) => d.code === code)!.geometry.coordinates[0]!),
      );
      expect(area(x.geometry)).toBeCloseTo(
        parts.reduce((a, b) => a + b, 0),
        10,
      );
    }
    expect(new Set(c.map((x) => x.name)).size).toBe(8);
  });

  it('dissolves two squares sharing an edge into one ring, separate squares into a MultiPolygon', () => {
    const sq = (x: number): Position[] => [
      [x, 0],
      [x + 1, 0],
      [x + 1, 1],
      [x, 1],
      [x, 0],
    ];
    const joined = dissolveRings([sq(0), sq(1)]);
    expect(joined.type).toBe('Polygon');
    expect(area(joined)).toBeCloseTo(2, 12);
    expect(joined.coordinates[0]).toHaveLength(7);
    const apart = dissolveRings([sq(0), sq(5)]);
    expect(apart.type).toBe('MultiPolygon');
    expect(area(apart)).toBeCloseTo(2, 12);
  });
});
