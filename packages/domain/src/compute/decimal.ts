/**
 * Exact decimal arithmetic for computed indicators. Values travel as decimal strings ('.' separator);
 * arithmetic uses a private decimal.js clone with 80 significant digits, so sums and products of
 * official counts are exact and quotients carry far more digits than any final rounding needs.
 */
import Decimal from 'decimal.js';

/** decimal.js clone used by the compute module (never the global Decimal config). */
export const Dec = Decimal.clone({
  precision: 80,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -100,
  toExpPos: 100,
});
export type Dec = InstanceType<typeof Dec>;

const DECIMAL_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** True when `value` is a decimal number string (no thousands separators, '.' as decimal point). */
export function isDecimalString(value: string): boolean {
  return DECIMAL_RE.test(value.trim());
}

/** Parse an exact decimal string; throws a RangeError (German/English) on anything else. */
export function toDec(value: string): Dec {
  const v = value.trim();
  if (!DECIMAL_RE.test(v)) {
    throw new RangeError(`Keine Dezimalzahl: „${value}“ / not a decimal number`);
  }
  return new Dec(v);
}

/** Plain decimal string without exponent and without trailing zeros ('-0' becomes '0'). */
export function decToString(value: Dec): string {
  if (value.isZero()) return '0';
  return value.toFixed();
}

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 100) {
    throw new RangeError(
      `Nachkommastellen müssen eine ganze Zahl von 0 bis 100 sein, nicht ${decimals} / decimals must be an integer 0–100`,
    );
  }
}

/** Round half away from zero on an exact Dec and return a fixed-point string (no '-0'). */
export function roundDecHalfUp(value: Dec, decimals: number): string {
  checkDecimals(decimals);
  const s = value.toFixed(decimals, Decimal.ROUND_HALF_UP);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/**
 * Kaufmännisch runden: half away from zero on the exact decimal value of the string
 * ('2.25' → '2.3', '-2.25' → '-2.3', '1.005' → '1.01' at 2). Always `decimals` fraction digits.
 */
export function roundHalfUp(value: string, decimals: number): string {
  return roundDecHalfUp(toDec(value), decimals);
}

function groupThousands(intPart: string, sep: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

function formatWith(value: string, decimals: number, thousands: string, point: string): string {
  const rounded = roundHalfUp(value, decimals);
  const negative = rounded.startsWith('-');
  const body = negative ? rounded.slice(1) : rounded;
  const [intPart = '0', frac] = body.split('.');
  return `${negative ? '-' : ''}${groupThousands(intPart, thousands)}${frac !== undefined ? point + frac : ''}`;
}

/** German number format after rounding half-up: '1234.5' → '1.234,5'. */
export function formatGerman(value: string, decimals: number): string {
  return formatWith(value, decimals, '.', ',');
}

/** English number format after rounding half-up: '1234.5' → '1,234.5'. */
export function formatEnglish(value: string, decimals: number): string {
  return formatWith(value, decimals, ',', '.');
}
