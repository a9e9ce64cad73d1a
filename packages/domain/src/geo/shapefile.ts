/**
 * Zipped shapefile reader: fflate unzips, `shapefile` reads .shp/.dbf from memory; .prj gives the
 * coordinate system, .cpg the text encoding of the .dbf (default ISO-8859-1).
 */
import type { Geometry } from 'geojson';
import { open } from 'shapefile';
import { crsFromPrj } from './crs';
import { decodeText, fileError, looksLikeUtf8, type RawDataset, type RawFeature } from './source';

export type ZipEntries = Record<string, Uint8Array>;

/** Names of real files (no folders, no macOS resource forks). */
export function realFiles(names: readonly string[]): string[] {
  return names.filter((p) => !p.endsWith('/') && !p.startsWith('__MACOSX/') && !/(^|\/)\._/.test(p));
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Text encoding label from a .cpg file; null if unknown. */
export function encodingFromCpg(cpg: string): string | null {
  const s = cpg.trim().toUpperCase().replace(/\s+/g, ' ');
  if (s === '') return null;
  if (/^(UTF-?8|65001)$/.test(s)) return 'utf-8';
  if (/^(ANSI ?)?(CP|WINDOWS-?)?1252$/.test(s)) return 'windows-1252';
  if (/^(ISO[- ]?)?8859[-_ ]?1$|^ISO-?88591$|^LATIN-?1$|^88591$/.test(s)) return 'iso-8859-1';
  if (/^(ISO[- ]?)?8859[-_ ]?15$|^LATIN-?9$/.test(s)) return 'iso-8859-15';
  try {
    return new TextDecoder(s.toLowerCase()).encoding;
  } catch {
    return null;
  }
}

/** Length of the .dbf header (records start there). */
function dbfHeaderLength(dbf: Uint8Array): number {
  return dbf.length >= 10 ? dbf[8]! | (dbf[9]! << 8) : 0;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** DBF values: dates (D fields) become 'YYYY-MM-DD'; everything else as read. */
function dbfValue(v: unknown): unknown {
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    return `${v.getFullYear()}-${pad2(v.getMonth() + 1)}-${pad2(v.getDate())}`;
  }
  return v;
}

/**
 * Read one shapefile from unzipped entries. `layer` chooses the .shp (path or base name) when the zip
 * holds several; default: the first.
 */
export async function readShapefileEntries(
  entries: ZipEntries,
  file: string,
  layer?: string,
): Promise<RawDataset> {
  const names = realFiles(Object.keys(entries));
  const shps = names.filter((n) => /\.shp$/i.test(n));
  if (shps.length === 0) {
    throw fileError(
      file,
      'zip-no-shp',
      `Die ZIP-Datei enthält keine Shapefile-Datei (.shp). Gefunden: ${names.slice(0, 10).join(', ') || 'nichts'}.`,
      'The zip file contains no .shp file.',
    );
  }
  let shpPath = shps[0]!;
  if (layer !== undefined) {
    const wanted = layer.toLowerCase().replace(/\.shp$/, '');
    const found = shps.find((p) => {
      const lower = p.toLowerCase().replace(/\.shp$/, '');
      return lower === wanted || lower.split('/').pop() === wanted;
    });
    if (!found) {
      throw fileError(
        file,
        'shapefile-layer',
        `Die Ebene „${layer}“ gibt es in der ZIP-Datei nicht. Vorhanden: ${shps.map((s) => `„${s}“`).join(', ')}.`,
        `No shapefile "${layer}" in the zip; available: ${shps.join(', ')}.`,
        { field: layer },
      );
    }
    shpPath = found;
  }
  const base = shpPath.slice(0, -4).toLowerCase();
  const sibling = (ext: string): Uint8Array | undefined => {
    const p = names.find((n) => n.toLowerCase() === `${base}.${ext}`);
    return p ? entries[p] : undefined;
  };
  const shp = entries[shpPath]!;
  const dbf = sibling('dbf');
  const prj = sibling('prj');
  const cpg = sibling('cpg');
  const warnings: string[] = [];
  if (!dbf) warnings.push(`Zu „${shpPath}“ fehlt die .dbf-Datei: die Gebiete haben keine Attribute.`);

  let encoding = 'iso-8859-1';
  if (cpg) {
    const cpgText = decodeText(cpg, 'latin1');
    const label = encodingFromCpg(cpgText);
    if (label) encoding = label;
    else
      warnings.push(
        `Unbekannter Zeichensatz „${cpgText.trim()}“ in der .cpg-Datei: Texte als ISO-8859-1 gelesen.`,
      );
  } else if (dbf && looksLikeUtf8(dbf.subarray(dbfHeaderLength(dbf)))) {
    encoding = 'utf-8';
    warnings.push('Keine .cpg-Datei: die Texte der .dbf wurden als UTF-8 erkannt.');
  } else if (dbf) {
    warnings.push('Keine .cpg-Datei: die Texte der .dbf wurden als ISO-8859-1 (Latin-1) gelesen.');
  }

  const features: RawFeature[] = [];
  try {
    const source = await open(toArrayBuffer(shp), dbf ? toArrayBuffer(dbf) : undefined, { encoding });
    for (let index = 0; ; index++) {
      const r = await source.read();
      if (r.done) break;
      const properties: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r.value.properties ?? {})) properties[k] = dbfValue(v);
      features.push({ index, properties, geometry: (r.value.geometry as Geometry | null) ?? null });
    }
  } catch (e) {
    throw fileError(
      file,
      'invalid-shapefile',
      `Das Shapefile „${shpPath}“ ist beschädigt oder wird nicht unterstützt.`,
      `Shapefile "${shpPath}" could not be read: ${e instanceof Error ? e.message : String(e)}`,
      { field: shpPath },
    );
  }

  const result: RawDataset = { format: 'shapefile-zip', layer: shpPath, layers: shps, features, warnings };
  if (prj) {
    const text = decodeText(prj, 'latin1').trim();
    const parsed = crsFromPrj(text);
    result.declared = {
      where: 'in der .prj-Datei',
      text: parsed.name || text.slice(0, 80),
      choice: parsed.choice,
    };
  }
  return result;
}
