/**
 * Display of official statistics values: German number format from the exact decimal text, official
 * quality signs (GENESIS "Zeichenerklärung") shown as published and never as numbers, withheld cells.
 */
import type { Lang } from '../i18n';

export interface Cell {
  /** Exact decimal as text ('.' separator), or null when a sign stands instead. */
  value: string | null;
  flag: string | null;
  /** Withheld to protect small numbers. */
  suppressed?: 'withheld' | null | undefined;
}

/** Meaning of the official signs (Zeichenerklärung of the statistical offices). */
export const FLAG_MEANINGS: Record<string, { de: string; en: string }> = {
  '-': { de: 'nichts vorhanden (genau null)', en: 'nil (exactly zero)' },
  '.': { de: 'Zahlenwert unbekannt oder geheim zu halten', en: 'value unknown or confidential' },
  x: {
    de: 'Tabellenfach gesperrt, weil Aussage nicht sinnvoll',
    en: 'cell blocked because the figure would not be meaningful',
  },
  '/': { de: 'keine Angabe, da Zahlenwert nicht sicher genug', en: 'no figure, value not reliable enough' },
  '...': { de: 'Angabe fällt später an', en: 'figure available later' },
  '()': {
    de: 'Aussagewert eingeschränkt, da der Zahlenwert statistisch relativ unsicher ist',
    en: 'limited reliability, the value is statistically uncertain',
  },
  p: { de: 'vorläufige Zahl', en: 'provisional figure' },
  r: { de: 'berichtigte Zahl', en: 'revised figure' },
  s: { de: 'geschätzte Zahl', en: 'estimated figure' },
};

export const SUPPRESSED_TEXT = {
  de: 'Wert zum Schutz kleiner Fallzahlen ausgeblendet',
  en: 'value withheld to protect small numbers',
} as const;

export const NO_DATA_TEXT = { de: 'keine Daten', en: 'no data' } as const;

const locale = (lang: Lang) => (lang === 'de' ? 'de-DE' : 'en-GB');

const formatters = new Map<string, Intl.NumberFormat>();
function formatter(lang: Lang, decimals: number): Intl.NumberFormat {
  const key = `${lang}:${decimals}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(lang), {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    formatters.set(key, f);
  }
  return f;
}

/**
 * Rounds an exact decimal text half away from zero ("kaufmännisch") to `decimals` places without
 * going through binary floating point: '2.675' → '2.68', '-0.05' → '-0.1'.
 */
export function roundDecimal(text: string, decimals: number): string {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/.exec(text);
  if (!m) return text;
  const sign = m[1] === '-' ? '-' : '';
  const int = (m[2] || '0').replace(/^0+(?=\d)/, '');
  const frac = m[3] ?? '';
  if (frac.length <= decimals) {
    const f = frac.padEnd(decimals, '0');
    return `${sign}${int}${decimals > 0 ? '.' + f : ''}`;
  }
  const keep = int + frac.slice(0, decimals);
  const roundUp = Number(frac[decimals]) >= 5;
  // add one to the last kept digit, carrying leftwards
  const digits = keep.split('').map(Number);
  if (roundUp) {
    let i = digits.length - 1;
    while (i >= 0) {
      if (digits[i]! < 9) {
        digits[i] = digits[i]! + 1;
        break;
      }
      digits[i] = 0;
      i--;
    }
    if (i < 0) digits.unshift(1);
  }
  const all = digits.join('');
  const intPart = all.slice(0, all.length - decimals) || '0';
  const fracPart = decimals > 0 ? '.' + all.slice(all.length - decimals) : '';
  const out = `${intPart}${fracPart}`;
  return /^[0.]*$/.test(out) ? out : `${sign}${out}`;
}

/** German (1.234,5) or English (1,234.5) number from an exact decimal text. */
export function formatDecimal(text: string, decimals: number, lang: Lang): string {
  const rounded = roundDecimal(text, decimals);
  const n = Number(rounded);
  if (!Number.isFinite(n)) return text;
  // Intl formats the rounded value; it has at most `decimals` places, so no second rounding happens.
  return formatter(lang, decimals).format(n);
}

/** A number for charts and sorting, or null when the cell carries no usable value. */
export function numericValue(c: Cell | null | undefined): number | null {
  if (!c || c.suppressed || c.value === null) return null;
  const n = Number(c.value);
  return Number.isFinite(n) ? n : null;
}

export interface FormattedCell {
  /** What the table shows: the number, the sign, or both ('12,3 p', '(4,5)', '.'). */
  text: string;
  /** Explanation of the sign for screen readers and tooltips; null for plain numbers. */
  note: string | null;
  kind: 'number' | 'flag' | 'suppressed' | 'missing';
}

export function formatCell(c: Cell | null | undefined, decimals: number, lang: Lang): FormattedCell {
  if (!c) return { text: '–', note: NO_DATA_TEXT[lang], kind: 'missing' };
  if (c.suppressed) return { text: '.', note: SUPPRESSED_TEXT[lang], kind: 'suppressed' };
  const meaning = c.flag ? (FLAG_MEANINGS[c.flag]?.[lang] ?? c.flag) : null;
  if (c.value === null) {
    if (c.flag) return { text: c.flag, note: meaning, kind: 'flag' };
    return { text: '–', note: NO_DATA_TEXT[lang], kind: 'missing' };
  }
  const num = formatDecimal(c.value, decimals, lang);
  if (!c.flag) return { text: num, note: null, kind: 'number' };
  if (c.flag === '()') return { text: `(${num})`, note: meaning, kind: 'number' };
  return { text: `${num} ${c.flag}`, note: meaning, kind: 'number' };
}

/**
 * The unit as it follows a number: „%“ or „Personen“, but nothing for the bare word „Anzahl“ (it only says
 * that the value is a count and belongs in the header: „136“, not „136 Anzahl“).
 */
export function unitAfterNumber(unit: string): string {
  const u = unit.trim();
  return /^(anzahl|count|number)$/i.test(u) ? '' : u;
}

/** Plain text of a cell for labels (e.g. "12,3 %", "136" or ". (Wert … ausgeblendet)"). */
export function cellText(c: Cell | null | undefined, decimals: number, unit: string, lang: Lang): string {
  const f = formatCell(c, decimals, lang);
  const u = unitAfterNumber(unit);
  const withUnit = (n: string) => (u ? `${n} ${u}` : n);
  if (f.kind === 'number') {
    if (!c?.flag || c.value === null) return withUnit(f.text);
    return `${withUnit(formatDecimal(c.value, decimals, lang))} (${c.flag} = ${f.note})`;
  }
  if (f.kind === 'missing') return f.note ?? f.text;
  return `${f.text} (${f.note})`;
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Period label: year '2015'; date '31.12.2015'; half_year '1. Hj. 2015'; school_year '2015/16'. */
export function formatPeriod(period: string, periodType: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(period);
  if (!m) return period;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  switch (periodType) {
    case 'year':
      return String(y);
    case 'half_year': {
      const h = mo < 7 ? 1 : 2;
      return lang === 'de' ? `${h}. Hj. ${y}` : `H${h} ${y}`;
    }
    case 'school_year':
      return `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
    default:
      return lang === 'de' ? `${m[3]}.${m[2]}.${y}` : `${d} ${MONTHS_EN[mo - 1] ?? m[2]} ${y}`;
  }
}

/** Compare for sorting: numbers ascending, then flagged/withheld cells, then missing ones. */
export function compareCells(a: Cell | null | undefined, b: Cell | null | undefined): number {
  const na = numericValue(a);
  const nb = numericValue(b);
  if (na !== null && nb !== null) return na - nb;
  if (na !== null) return -1;
  if (nb !== null) return 1;
  const rank = (c: Cell | null | undefined) => (!c ? 2 : c.suppressed || c.flag ? 1 : 2);
  return rank(a) - rank(b);
}

/** A computed number (class bound, axis value) in the language's format with fixed decimals. */
export function formatNumberFixed(n: number, decimals: number, lang: Lang): string {
  return formatter(lang, decimals).format(n);
}
