/*
 * Geocoding of a typed address against the municipality's own data (no third-party service, nothing
 * sent elsewhere): the addresses of the places and offers in its Wegweiser (street, house number,
 * postcode, with coordinates), then the names of its areas (their centre) as a fallback.
 */

export interface KnownAddress {
  street: string;
  postcode?: string | null;
  city?: string | null;
  lon: number;
  lat: number;
}

export interface KnownArea {
  code: string;
  name: string;
  lon: number;
  lat: number;
}

export interface GeocodedPoint {
  lon: number;
  lat: number;
  /** How the point was found: the address itself, the nearest known house number, the street, the postcode, an area. */
  kind: 'adresse' | 'hausnummer' | 'strasse' | 'postleitzahl' | 'gebiet';
  /** The point in words („Lindenstraße 5, 39101 Musterstadt“), for „Entfernung ab …“. */
  label: string;
}

/** Lower case, ß as ss, „Str.“ as „straße“, no punctuation, single spaces. */
export function normalizeStreet(s: string): string {
  return s
    .toLocaleLowerCase('de')
    .replace(/ß/g, 'ss')
    .replace(/str\.?(?=\s|$|\d)/g, 'strasse')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Parsed {
  street: string;
  number: string | null;
  postcode: string | null;
}

/** „Lindenstraße 5a, 39101 Musterstadt“ → street „lindenstrasse“, number „5a“, postcode „39101“. */
export function parseAddress(text: string): Parsed {
  const postcode = /\b(\d{5})\b/.exec(text)?.[1] ?? null;
  const rest = (postcode ? text.replace(postcode, ' ') : text).split(',')[0] ?? '';
  const m = /^(.*?\D)\s*(\d+\s?[a-zA-Z]?)\s*$/.exec(rest.trim());
  const street = normalizeStreet(m ? m[1]! : rest);
  const number = m ? m[2]!.replace(/\s/g, '').toLowerCase() : null;
  return { street, number, postcode };
}

const mean = (xs: readonly KnownAddress[]) => ({
  lon: xs.reduce((a, x) => a + x.lon, 0) / xs.length,
  lat: xs.reduce((a, x) => a + x.lat, 0) / xs.length,
});

function splitKnown(a: KnownAddress): { street: string; number: string | null } {
  const p = parseAddress(a.street);
  return { street: p.street, number: p.number };
}

const inWords = (a: KnownAddress) =>
  [a.street, [a.postcode, a.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');

/** The point of a typed address, or null when the municipality's data does not know it. */
export function geocodeAddress(
  text: string,
  addresses: readonly KnownAddress[],
  areas: readonly KnownArea[],
): GeocodedPoint | null {
  const q = parseAddress(text);
  if (!q.street && !q.postcode) return null;
  const known = addresses.map((a) => ({ a, ...splitKnown(a) }));
  const samePostcode = (a: KnownAddress) => !q.postcode || a.postcode === q.postcode;
  if (q.street) {
    const street = known.filter((k) => k.street === q.street && samePostcode(k.a));
    if (street.length > 0) {
      if (q.number) {
        const exact = street.filter((k) => k.number === q.number);
        if (exact.length > 0)
          return { ...mean(exact.map((k) => k.a)), kind: 'adresse', label: inWords(exact[0]!.a) };
        // The nearest known house number on the street.
        const n = Number.parseInt(q.number, 10);
        const numbered = street.filter((k) => k.number !== null);
        if (numbered.length > 0) {
          const near = numbered.toSorted(
            (x, y) =>
              Math.abs(Number.parseInt(x.number!, 10) - n) - Math.abs(Number.parseInt(y.number!, 10) - n),
          )[0]!;
          return { lon: near.a.lon, lat: near.a.lat, kind: 'hausnummer', label: inWords(near.a) };
        }
      }
      const a = street[0]!.a;
      return {
        ...mean(street.map((k) => k.a)),
        kind: 'strasse',
        label: [a.street.replace(/\s*\d+\s?[a-zA-Z]?\s*$/, ''), q.postcode ?? ''].filter(Boolean).join(', '),
      };
    }
    const area = areas.find((x) => normalizeStreet(x.name) === q.street || x.code.toLowerCase() === q.street);
    if (area) return { lon: area.lon, lat: area.lat, kind: 'gebiet', label: area.name };
    return null;
  }
  const byPostcode = addresses.filter((a) => a.postcode === q.postcode);
  if (byPostcode.length === 0) return null;
  return { ...mean(byPostcode), kind: 'postleitzahl', label: q.postcode! };
}
