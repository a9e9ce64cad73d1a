/** Legend rows of the choropleth: class bounds in the language's number format, counts, "no data" class. */
import { classCount, type Classification } from './classify';
import { formatNumberFixed } from './format';
import type { MonitoringTexts } from './texts';

export function legendRows(
  classification: Classification,
  colors: readonly string[],
  rows: ReadonlyArray<{ cls: number }>,
  decimals: number,
  lang: 'de' | 'en',
  tx: Pick<MonitoringTexts, 'legendFrom' | 'legendAbove' | 'legendNoData'>,
): Array<{ color: string | null; text: string; count: number }> {
  const n = classCount(classification);
  const b = classification.breaks;
  const fmt = (v: number) => formatNumberFixed(v, decimals, lang);
  const out: Array<{ color: string | null; text: string; count: number }> = [];
  for (let i = 0; i < n; i++) {
    const text = i === 0 ? tx.legendFrom(fmt(b[0]!), fmt(b[1]!)) : tx.legendAbove(fmt(b[i]!), fmt(b[i + 1]!));
    out.push({ color: colors[i] ?? null, text, count: rows.filter((r) => r.cls === i).length });
  }
  const none = rows.filter((r) => r.cls < 0).length;
  out.push({ color: null, text: tx.legendNoData, count: none });
  return out;
}
