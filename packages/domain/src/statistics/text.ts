/** Small text helpers shared by the statistics importers: slugs, whitespace, total labels. */

const UMLAUTS: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
  Ä: 'ae',
  Ö: 'oe',
  Ü: 'ue',
  ẞ: 'ss',
};

/**
 * Stable key from a label: lowercase ASCII, umlauts → ae/oe/ue/ss, other accents dropped, every run of
 * other characters → '_', no leading/trailing '_'. An empty result becomes 'unbenannt'.
 */
export function slug(label: string): string {
  const s = label
    .replace(/[äöüßÄÖÜẞ]/g, (c) => UMLAUTS[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return s === '' ? 'unbenannt' : s;
}

/** Trim and collapse all whitespace (incl. line breaks and no-break spaces) to single spaces. */
export function cleanLabel(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

const TOTAL_START = /^(insgesamt|zusammen|gesamt|summe|total|alle)(\b|$)/i;
const TOTAL_END = /(^|\s)(insgesamt|zusammen)\s*$/i;

/** 'Insgesamt', 'Zusammen', 'Gesamt', 'Insgesamt (ohne Doppelzählungen)', 'Tätige Personen insgesamt', … */
export function isTotalLabel(label: string): boolean {
  const s = cleanLabel(label);
  return TOTAL_START.test(s) || TOTAL_END.test(s);
}

const VALUE_WORDS =
  /^(männlich|weiblich|divers|ohne angabe|deutsche|ausländer|ausländer\(innen\)|ausländerinnen|ausländerinnen und ausländer|frauen|männer|jungen|mädchen)$/i;

/** Labels that are always values of a dimension, never its name (used to read GENESIS header rows). */
export function isValueWord(label: string): boolean {
  const s = cleanLabel(label);
  return isTotalLabel(s) || VALUE_WORDS.test(s);
}

/** Make `key` unique against `taken` by appending _2, _3, … (and register it). */
export function uniqueKey(key: string, taken: Set<string>): string {
  let k = key;
  for (let i = 2; taken.has(k); i++) k = `${key}_${i}`;
  taken.add(k);
  return k;
}
