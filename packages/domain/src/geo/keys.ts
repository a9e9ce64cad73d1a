/**
 * Suggesting the key property (official area key or id) and the name property of a boundary file.
 */

type Props = Record<string, unknown>;

/** Key properties in order of preference (compared case-insensitively). */
export const KEY_PREFERENCE = [
  'ARS',
  'AGS',
  'RS',
  'GKZ',
  'KRS',
  'ARS_0',
  'AGS_0',
  'RS_0',
  'SCHLUESSEL',
  'SCHLÜSSEL',
  'GEMEINDESCHLUESSEL',
  'KREISSCHLUESSEL',
  'ESB',
  'STT_NR',
  'STV_NR',
  'STB_NR',
  'PLR_ID',
  'BZR_ID',
  'PGR_ID',
  'BEZ_ID',
  'LOR',
  'NUTS_ID',
  'NUTS',
  'BSN',
  'SCHULNUMMER',
  'id',
  'CODE',
  'KEY',
  'NR',
  'NUMMER',
  'KENNUNG',
] as const;

/** Name properties in order of preference (compared case-insensitively). */
export const NAME_PREFERENCE = [
  'GEN',
  'NAME',
  'STT_NAME',
  'STV_NAME',
  'STB_NAME',
  'PLR_NAME',
  'BZR_NAME',
  'PGR_NAME',
  'BEZName',
  'BEZ_NAME',
  'Gemeinde_n',
  'GEMEINDE',
  'NUTS_NAME',
  'BEZEICHNUNG',
  'BEZEICHNER',
  'ORT',
  'TITEL',
  'LABEL',
] as const;

interface Stats {
  present: number;
  distinct: number;
  strings: number;
  integers: number;
  total: number;
  allCodes: boolean;
}

function stats(name: string, features: ReadonlyArray<{ properties: Props }>): Stats {
  const values = new Set<string>();
  let present = 0;
  let strings = 0;
  let integers = 0;
  let allCodes = true;
  for (const f of features) {
    const v = f.properties[name];
    if (v === null || v === undefined || v === '') continue;
    present++;
    if (typeof v === 'string') {
      strings++;
      if (!/^[0-9A-Za-z][0-9A-Za-z._-]{0,19}$/.test(v)) allCodes = false;
    } else if (typeof v === 'number' && Number.isInteger(v)) {
      integers++;
    } else {
      allCodes = false;
    }
    values.add(String(v));
  }
  return { present, distinct: values.size, strings, integers, total: features.length, allCodes };
}

function ci(names: readonly string[], wanted: string): string | undefined {
  const lower = wanted.toLowerCase();
  return names.find((n) => n === wanted) ?? names.find((n) => n.toLowerCase() === lower);
}

/** Usable as a key: mostly present, text or whole numbers, short code-like values, not a constant. */
function keyLike(s: Stats): boolean {
  if (s.total === 0 || s.present < 0.9 * s.total) return false;
  if (s.strings + s.integers < s.present || !s.allCodes) return false;
  return s.distinct > 1 || s.total === 1;
}

/**
 * Suggest the property that identifies an area: the first of ARS, AGS, RS, GKZ, KRS, …, ESB, STT_NR,
 * PLR_ID, NUTS_ID, id, … that is filled in ≥ 90 % of the sample with code-like values; otherwise a
 * property whose name looks like an id/number/key and whose values are unique. Keys may repeat (several
 * parts of one area, see mergeByKey).
 */
export function suggestKeyProperty(
  propertyNames: readonly string[],
  sampleFeatures: ReadonlyArray<{ properties: Props }>,
): string | null {
  for (const wanted of KEY_PREFERENCE) {
    const name = ci(propertyNames, wanted);
    if (name && keyLike(stats(name, sampleFeatures))) return name;
  }
  const idLike =
    /(^|[_\s-])(id|nr|no|key|code|kennung|nummer)([_\s-]|\d|$)|schl(ue|ü)ssel|nummer|kennziffer/i;
  for (const name of propertyNames) {
    if (!idLike.test(name)) continue;
    const s = stats(name, sampleFeatures);
    if (keyLike(s) && s.distinct === s.present) return name;
  }
  return null;
}

/** Name-like: text, mostly present, mostly different (not a grouping attribute such as the Bezirk). */
function nameLike(s: Stats, features: ReadonlyArray<{ properties: Props }>, name: string): boolean {
  if (s.total === 0 || s.present < 0.8 * s.total || s.strings < s.present) return false;
  if (s.total > 4 && s.distinct < 0.5 * s.present) return false;
  // Names contain letters.
  return features.some((f) => {
    const v = f.properties[name];
    return typeof v === 'string' && /\p{L}/u.test(v);
  });
}

/**
 * Suggest the property with the area's name: GEN, name, NAME, STT_NAME, BEZName, … (text, filled,
 * mostly distinct); otherwise any property whose name contains "name" or "bezeichnung".
 */
export function suggestNameProperty(
  propertyNames: readonly string[],
  sampleFeatures: ReadonlyArray<{ properties: Props }>,
  keyProperty?: string | null,
): string | null {
  for (const wanted of NAME_PREFERENCE) {
    const name = ci(propertyNames, wanted);
    if (name && name !== keyProperty && nameLike(stats(name, sampleFeatures), sampleFeatures, name)) {
      return name;
    }
  }
  for (const name of propertyNames) {
    if (name === keyProperty || !/name|bezeichnung/i.test(name)) continue;
    if (nameLike(stats(name, sampleFeatures), sampleFeatures, name)) return name;
  }
  return null;
}
