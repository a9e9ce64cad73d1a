import { describe, expect, it } from 'vitest';
import { normalizeProperties, readBoundaries } from './read';

function deep(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe('feature properties', () => {
  it('a property nested 100,000 levels deep is left out instead of overflowing the stack', () => {
    const p = normalizeProperties({ KEY: 'X1', deep: deep(100_000), flat: { a: [1, 2] } });
    expect(p).toEqual({ KEY: 'X1', deep: null, flat: '{"a":[1,2]}' });
  });

  it('a GeoJSON file with such a property is read', async () => {
    // Written by hand: JSON.stringify itself cannot write such a value.
    const depth = 100_000;
    const props = `{"KEY":"X1","deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    const ring = '[[10,54],[10.1,54],[10.1,54.1],[10,54.1],[10,54]]';
    const text = `{"type":"FeatureCollection","features":[{"type":"Feature","properties":${props},"geometry":{"type":"Polygon","coordinates":[${ring}]}}]}`;
    const ds = await readBoundaries({ name: 'tief.geojson', bytes: new TextEncoder().encode(text) });
    expect(ds.features).toHaveLength(1);
  });
});
