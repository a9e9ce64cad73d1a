/**
 * Merging features that share a key into one area (e.g. VG5000 Länder with separate land and water
 * parts, Gemeinden split by the GF attribute).
 */
import { suggestNameProperty } from './keys';
import type { BoundaryFeature, MergedArea, Position } from './types';

/** Key value as text (numbers without exponent/grouping); null for missing or empty values. */
export function keyText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const s = typeof value === 'string' ? value.trim() : String(value);
  return s === '' ? null : s;
}

/**
 * Group features by `keyProperty` (in order of first appearance). Groups of one feature keep their
 * geometry; larger groups become one MultiPolygon with all parts (shared edges are not dissolved, which
 * is fine for filling). `featureIndexes` are positions in `features` (use `features[i].index` for the
 * position in the source file). Features without a key value are left out.
 * `name` comes from `nameProperty` (default: the suggested name property), first non-empty value.
 */
export function mergeByKey(
  features: readonly BoundaryFeature[],
  keyProperty: string,
  nameProperty?: string | null,
): MergedArea[] {
  const nameProp =
    nameProperty === undefined
      ? suggestNameProperty(
          [...new Set(features.flatMap((f) => Object.keys(f.properties)))],
          features,
          keyProperty,
        )
      : nameProperty;
  const groups = new Map<string, { name?: string; members: BoundaryFeature[]; positions: number[] }>();
  features.forEach((f, position) => {
    const key = keyText(f.properties[keyProperty]);
    if (key === null) return;
    let g = groups.get(key);
    if (!g) {
      g = { members: [], positions: [] };
      groups.set(key, g);
    }
    g.members.push(f);
    g.positions.push(position);
    if (g.name === undefined && nameProp) {
      const n = f.properties[nameProp];
      if (typeof n === 'string' && n.trim() !== '') g.name = n.trim();
      else if (typeof n === 'number') g.name = String(n);
    }
  });
  return [...groups].map(([key, g]) => {
    const only = g.members.length === 1 ? g.members[0] : undefined;
    const geometry: MergedArea['geometry'] = only
      ? only.geometry
      : {
          type: 'MultiPolygon',
          coordinates: g.members.flatMap((m): Position[][][] =>
            m.geometry.type === 'Polygon' ? [m.geometry.coordinates] : m.geometry.coordinates,
          ),
        };
    return {
      key,
      ...(g.name !== undefined ? { name: g.name } : {}),
      geometry,
      featureIndexes: g.positions,
    };
  });
}
