import { blockDataSchema, blockRefSchema } from '@dkbm/contract';
import type { BlockRow } from './reports.repo';

/** A block's content as text, for the change history and its diff. */
export function blockText(
  b: Pick<BlockRow, 'kind' | 'text' | 'caption' | 'data' | 'ref' | 'areaCode' | 'view'>,
) {
  if (b.kind === 'text') return b.text ?? '';
  if (b.kind === 'infobox')
    return `${b.caption ? `Infokasten „${b.caption}“: ` : 'Infokasten: '}${b.text ?? ''}`;
  if (b.kind === 'image') return `Bild „${b.caption ?? ''}“, Alternativtext: ${b.text ?? ''}`;
  const ref = b.ref ? blockRefSchema.safeParse(b.ref) : null;
  if (ref?.success) {
    const r = ref.data;
    if (r.kind === 'finding')
      return `Befund „${r.statement}“: ${r.values.map((v) => `${v.areaName} ${v.value ?? v.flag ?? '–'}`).join(', ')}`;
    return r.kind === 'goal'
      ? `Ziel „${r.title}“ – ${r.progressLabel}`
      : `Handlungsempfehlung „${r.title}“ (${r.status}): ${r.text}`;
  }
  const data = b.data ? blockDataSchema.safeParse(b.data) : null;
  const d = data?.success ? data.data : null;
  return [
    b.caption ? `Beschriftung: ${b.caption}` : null,
    d ? `Indikator „${d.indicatorName}“, Datenstand Version ${d.dataVersion}` : null,
    b.view && b.kind !== 'keyfigure'
      ? `Darstellung: ${b.view === 'areas' ? 'Gebiete im letzten Zeitraum' : 'Zeitreihe nach Gebiet'}`
      : null,
    b.areaCode ? `Gebiet: ${b.areaCode}` : null,
  ]
    .filter(Boolean)
    .join('; ');
}
