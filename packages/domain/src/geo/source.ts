/**
 * What every format reader returns before reprojection: features with GeoJSON geometries in source
 * coordinates, untouched properties and the declared coordinate system (if any).
 */
import type { Geometry } from 'geojson';
import { ImportFileError } from '../statistics/types';
import type { DeclaredCrs } from './crs';
import type { BoundaryFormat } from './types';

export interface RawFeature {
  index: number;
  properties: Record<string, unknown>;
  geometry: Geometry | null;
}

export interface RawDataset {
  format: BoundaryFormat;
  layer?: string;
  layers?: string[];
  features: RawFeature[];
  declared?: DeclaredCrs;
  warnings: string[];
}

/** Decode text: BOM (UTF-8/UTF-16) wins, otherwise `fallback` (default UTF-8). */
export function decodeText(bytes: Uint8Array, fallback = 'utf-8', fatal = false): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder(fallback, { fatal }).decode(bytes);
}

/** True when the bytes are valid UTF-8 and contain at least one non-ASCII character. */
export function looksLikeUtf8(bytes: Uint8Array): boolean {
  let nonAscii = false;
  for (const b of bytes) {
    if (b >= 0x80) {
      nonAscii = true;
      break;
    }
  }
  if (!nonAscii) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** 1-based numbers for German messages, shortened after `max` entries. */
export function listNumbers(indexes: readonly number[], max = 5): string {
  const shown = indexes.slice(0, max).map((i) => String(i + 1));
  return indexes.length > max ? `${shown.join(', ')} …` : shown.join(', ');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function fileError(
  file: string,
  code: string,
  de: string,
  en: string,
  where: { line?: number; column?: number; field?: string } = {},
): ImportFileError {
  return new ImportFileError({ code, file, de, en, ...where });
}

/**
 * A feature-level id worth keeping as property `id`: text, or a number that is not just the running
 * index (GDAL writes 0, 1, 2, …).
 */
export function isUsefulId(id: unknown, index: number): id is string | number {
  return (
    (typeof id === 'string' && id.trim() !== '') ||
    (typeof id === 'number' && id !== index && id !== index + 1)
  );
}
