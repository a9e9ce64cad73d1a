/** Display of computed cells: a flag stands for itself, a number is rounded half-up and formatted. */
import { formatEnglish, formatGerman } from './decimal';
import type { Lang } from './periods';
import type { Cell } from './types';

/** '28,6', '1.234,5 p', '.', '-' (German) or '1,234.5 p' (English). */
export function formatCell(cell: Pick<Cell, 'value' | 'flag'>, decimals: number, lang: Lang = 'de'): string {
  if (cell.value === null) return cell.flag ?? '';
  const n = lang === 'de' ? formatGerman(cell.value, decimals) : formatEnglish(cell.value, decimals);
  return cell.flag ? `${n} ${cell.flag}` : n;
}
