import type { BlockCell, BlockData } from '@dkbm/contract';
import type { Lang } from '../i18n';

/** A data block as a table: one row per area, one column per period (cells may be missing). */
export function blockTable(data: BlockData, _lang: Lang) {
  const periods = [...new Set(data.cells.map((c) => c.period))].toSorted();
  const byArea = new Map<string, { areaCode: string; areaName: string; byPeriod: Map<string, BlockCell> }>();
  for (const c of data.cells) {
    const a = byArea.get(c.areaCode) ?? { areaCode: c.areaCode, areaName: c.areaName, byPeriod: new Map() };
    a.byPeriod.set(c.period, c);
    byArea.set(c.areaCode, a);
  }
  return {
    periods,
    rows: [...byArea.values()]
      .toSorted((a, b) => a.areaCode.localeCompare(b.areaCode))
      .map((a) => ({
        areaCode: a.areaCode,
        areaName: a.areaName,
        reference: false,
        cells: periods.map((p) => a.byPeriod.get(p)),
      }))
      // Reference areas (Vergleichswerte) after the block's own areas.
      .concat(
        (data.references ?? []).map((r) => ({
          areaCode: `ref-${r.areaId}`,
          areaName: r.areaName,
          reference: true,
          cells: periods.map((p) => {
            const v = r.points.find((x) => x.period === p);
            return v ? { areaCode: r.areaId, areaName: r.areaName, ...v } : undefined;
          }),
        })),
      ),
  };
}

/** A cell as text: German or English number format with the indicator's decimals; withheld as „.“. */
export function formatCell(c: BlockCell, decimals: number, lang: Lang): string {
  if (c.value === null) return c.flag ?? '–';
  const n = Number(c.value);
  if (!Number.isFinite(n)) return c.value;
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'de-DE', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(n);
}

/** 31 December as the year, other dates as dd.mm.yyyy. */
export function periodLabel(period: string): string {
  const [y, m, d] = period.slice(0, 10).split('-');
  return m === '12' && d === '31' ? y! : `${d}.${m}.${y}`;
}
