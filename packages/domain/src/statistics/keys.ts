/**
 * Official area keys (Amtlicher Gemeindeschlüssel AGS, Amtlicher Regionalschlüssel ARS) and the key
 * variants of the Regionaldatenbank.
 *
 * Level by length (digits only, 'DG' = Deutschland):
 * - 2 Land, 3 Regierungsbezirk (or statistical region), 5 Kreis / kreisfreie Stadt, 8 Gemeinde (AGS)
 * - 9 Gemeindeverband (ARS without the 3-digit Gemeinde part: Kreis + 4-digit Verband)
 * - 12 ARS = LL R KK VVVV GGG, read from the right: GGG ≠ 000 → gemeinde; else VVVV ≠ 0000 →
 *   gemeindeverband; else KK ≠ 00 → kreis (a kreisfreie Stadt's Gemeinde ARS, e.g. 031010000000, is
 *   indistinguishable from its Kreis and is reported as kreis); else R ≠ 0 → regierungsbezirk; else land.
 * - Regionaldatenbank Gemeinde tables (e.g. 12411-02-03-5) also use 7 digits for Verbandsgemeinden
 *   (Rheinland-Pfalz: Kreis + 2, '0713101') → gemeindeverband, and 10/11 digits for Gemeinden inside a
 *   Gemeindeverband (Kreis + 2/3-digit Verband + 3-digit Gemeinde, '0713100007', '03151401002') → gemeinde.
 *   Niedersachsen Samtgemeinden there have 8 digits ('03151401') and cannot be told from a Gemeinde by
 *   the key alone (→ gemeinde).
 */
import type { KeyLevel } from './types';

export function keyLevel(code: string): KeyLevel | null {
  const k = code.trim();
  if (k.toUpperCase() === 'DG') return 'bund';
  if (!/^\d+$/.test(k)) return null;
  switch (k.length) {
    case 2:
      return Number(k) >= 1 && Number(k) <= 16 ? 'land' : null;
    case 3:
      return 'regierungsbezirk';
    case 5:
      return 'kreis';
    case 7:
      return 'gemeindeverband';
    case 8:
      return 'gemeinde';
    case 9:
      return 'gemeindeverband';
    case 10:
    case 11:
      return 'gemeinde';
    case 12: {
      if (k.slice(9) !== '000') return 'gemeinde';
      if (k.slice(5, 9) !== '0000') return 'gemeindeverband';
      if (k.slice(3, 5) !== '00') return 'kreis';
      if (k[2] !== '0') return 'regierungsbezirk';
      return 'land';
    }
    default:
      return null;
  }
}

/**
 * Clean up a key as typed or exported by spreadsheets: trims, removes inner spaces, 'dg' → 'DG', integers
 * from XLSX → text, and restores the leading zero that Excel drops for Länder 01–09: a key of 1, 4, 7 or
 * 11 digits that does not start with '0' gets one ('1001' → '01001', '1001000' → '01001000').
 * Caution: 7-digit Regionaldatenbank Verbandsgemeinde keys of Länder 10–16 would be mistaken for such keys;
 * do not normalise those.
 */
export function normaliseKey(code: string | number): string {
  const k = String(code).trim().replace(/\s+/g, '');
  if (k.toUpperCase() === 'DG') return 'DG';
  if (/^\d+$/.test(k) && [1, 4, 7, 11].includes(k.length) && k[0] !== '0') return `0${k}`;
  return k;
}

/**
 * The 5-digit Kreis key contained in a Gemeinde / Gemeindeverband key (AGS, ARS or Regionaldatenbank
 * variant), e.g. kreisfreie Städte written with 8 digits: '03101000' → '03101'. A Kreis key is returned
 * unchanged; Land, Regierungsbezirk and invalid keys give null.
 */
export function kreisKeyOfGemeinde(code: string): string | null {
  const k = code.trim();
  const level = keyLevel(k);
  if (level === 'kreis') return k.slice(0, 5);
  if (level === 'gemeinde' || level === 'gemeindeverband') {
    const kreis = k.slice(0, 5);
    return k.length === 12 && kreis.slice(3) === '00' ? null : kreis;
  }
  return null;
}
