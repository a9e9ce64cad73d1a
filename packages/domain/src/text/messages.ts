/** Helpers that keep messages for people short, however large the input that caused them. */

const nf = new Intl.NumberFormat('de-DE');

/**
 * The first `max` items, then a count of the rest: „id, c1, c2 … und 999.990 weitere Spalten“.
 * `rest` names the remaining items in the plural (e.g. „weitere Spalten“).
 */
export function listSummary(items: readonly string[], rest: string, max = 10, itemMax = 60): string {
  const shown = items.slice(0, max).map((s) => shortText(s, itemMax));
  const more = items.length - shown.length;
  return more > 0 ? `${shown.join(', ')} … und ${nf.format(more)} ${rest}` : shown.join(', ');
}

/** A text cut to `max` characters with an ellipsis (for values and names quoted in messages). */
export function shortText(s: string, max = 40): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A whole message bounded to `max` characters, saying how long it was. */
export function boundedMessage(s: string, max = 2000): string {
  if (s.length <= max) return s;
  return `${s.slice(0, max)} … (gekürzt, insgesamt ${nf.format(s.length)} Zeichen)`;
}
