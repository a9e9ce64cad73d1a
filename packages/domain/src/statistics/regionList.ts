/**
 * The datenguide region list (`base.csv` of genesapi-data): comma-separated, no header,
 * `key,name,deprecated,level name,level,slug,parent key,parent slug,parent name`.
 */
import { csvRecords } from './csv';
import { decodeText } from './encoding';
import type { InputFile } from './encoding';
import { ImportFileError } from './types';

export interface RegionListEntry {
  code: string;
  name: string;
  deprecated: boolean;
  levelName: string;
  level: number;
  slug: string;
  parentCode: string | null;
}

export function parseRegionList(file: InputFile): RegionListEntry[] {
  const { text } = decodeText(file);
  const out: RegionListEntry[] = [];
  for (const r of csvRecords(text, ',', file.name)) {
    if (r.cells.every((c) => c.trim() === '')) continue;
    const [code = '', name = '', deprecated = '', levelName = '', level = '', slugText = '', parent = ''] =
      r.cells.map((c) => c.trim());
    if (!/^(DG|\d{2,12})$/.test(code) || !/^\d+$/.test(level) || !/^(true|false)$/i.test(deprecated)) {
      throw new ImportFileError({
        code: 'invalid_region_list',
        file: file.name,
        line: r.line,
        de: 'Die Zeile passt nicht zum Format „Schlüssel,Name,veraltet,Ebene,Ebenennummer,Slug,Elternschlüssel,…“.',
        en: 'Row does not match key,name,deprecated,level name,level,slug,parent key,…',
      });
    }
    out.push({
      code,
      name,
      deprecated: deprecated.toLowerCase() === 'true',
      levelName,
      level: Number(level),
      slug: slugText,
      parentCode: parent === '' ? null : parent,
    });
  }
  return out;
}
