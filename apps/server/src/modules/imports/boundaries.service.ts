import crypto from 'node:crypto';
import type { AreaLevel, ImportAnalysis, ImportOptions, ImportResult } from '@dkbm/contract';
import {
  bboxOf,
  keyLevel,
  mergeByKey,
  readBoundaries,
  type BoundaryDataset,
  type FileKey,
  type SupportedCrs,
} from '@dkbm/domain';
import { HttpError } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { emptyUndoLog, saveKeyMappings } from './undoLog.repo';
import { cleanFeatures } from './sanitize';
import { matchKeys, officialParentKeys } from './keys';
import { savedMappings, tenantAreas } from './keys.repo';
import { mappingsOf } from './statistics.analysis';
import {
  areasWithValuesAt,
  areasWithoutValues,
  areaVersionsOf,
  boundariesBbox,
  closeVersion,
  insertAreas,
  insertVersion,
  tenantAgs,
  widenValidity,
} from './boundaries.repo';
import { ImportRefused, type ProgressFn, type UploadedFile } from './types';

/* Boundary imports (GeoJSON, TopoJSON, KML, Shapefile): check, and commit as new boundary versions. */

/** Bounding boxes of the Länder (by the first two AGS digits), to tell UTM 32 from UTM 33 without other hints. */
const LAND_BBOX: Record<string, [number, number, number, number]> = {
  '01': [7.8, 53.3, 11.4, 55.1],
  '02': [9.7, 53.38, 10.35, 53.75],
  '03': [6.6, 51.29, 11.6, 53.9],
  '04': [8.48, 53.0, 8.99, 53.61],
  '05': [5.86, 50.32, 9.47, 52.54],
  '06': [7.77, 49.39, 10.24, 51.66],
  '07': [6.11, 48.96, 8.51, 50.94],
  '08': [7.5, 47.53, 10.5, 49.8],
  '09': [8.97, 47.27, 13.84, 50.57],
  '10': [6.35, 49.11, 7.41, 49.64],
  '11': [13.08, 52.33, 13.77, 52.68],
  '12': [11.26, 51.36, 14.77, 53.56],
  '13': [10.59, 53.11, 14.41, 54.69],
  '14': [11.87, 50.17, 15.04, 51.69],
  '15': [10.56, 50.94, 13.19, 53.04],
  '16': [9.87, 50.2, 12.65, 51.65],
};

/** Where the tenant's data is expected: the bbox of its existing boundaries, else of its Land. */
async function expectedBbox(s: TenantScope): Promise<[number, number, number, number] | undefined> {
  const b = await boundariesBbox(s);
  if (b) return b;
  const land = (await tenantAgs(s))?.slice(0, 2);
  return land ? LAND_BBOX[land] : undefined;
}

async function readFor(s: TenantScope, file: UploadedFile, options: ImportOptions | null) {
  const expected = await expectedBbox(s);
  const ds = await readBoundaries(file, {
    ...(options?.crs ? { crs: options.crs as SupportedCrs } : {}),
    ...(options?.layer ? { layer: options.layer } : {}),
    ...(expected ? { expectedBbox: expected } : {}),
  });
  // Keys and names without invisible or direction-changing characters (a warning says which).
  cleanFeatures(ds);
  return ds;
}

function suggestLevel(keys: string[]): AreaLevel {
  const levels = new Set(keys.map((k) => keyLevel(k)));
  if (levels.size === 1) {
    const l = [...levels][0];
    if (l) return l as AreaLevel;
  }
  return 'custom';
}

function fileKeys(ds: BoundaryDataset, keyProperty: string, nameProperty: string | null) {
  const merged = mergeByKey(ds.features, keyProperty);
  const keys: FileKey[] = merged.map((m) => {
    const f = ds.features[m.featureIndexes[0]!];
    const name = nameProperty ? f?.properties[nameProperty] : null;
    return {
      code: String(m.key),
      name: name === null || name === undefined ? null : String(name),
      count: m.featureIndexes.length,
      // A boundary version extends the area's existence; it is never refused for it (see commit).
      dates: [],
    };
  });
  return { merged, keys };
}

function requireKey(ds: BoundaryDataset, options: ImportOptions | null, fileName: string) {
  const keyProperty = options?.keyProperty ?? ds.suggestedKey;
  if (!keyProperty || !ds.propertyNames.includes(keyProperty)) {
    throw new HttpError(
      400,
      'key_property',
      `${fileName}: Bitte wählen Sie das Merkmal mit dem Gebietsschlüssel (vorhanden: ${ds.propertyNames.join(', ') || 'keine'}).`,
      { field: 'keyProperty', propertyNames: ds.propertyNames },
    );
  }
  const nameProperty = options?.nameProperty ?? ds.suggestedName;
  return {
    keyProperty,
    nameProperty: nameProperty && ds.propertyNames.includes(nameProperty) ? nameProperty : null,
  };
}

const DEFAULT_VALID_FROM = '1900-01-01';

const assignedIds = (assignments: Map<string, string | { create: true }>) =>
  new Set([...assignments.values()].filter((v): v is string => typeof v === 'string'));

/** Areas of the file that have no value at all (e.g. a Kreis formed after the period of the data). */
async function withoutData(s: TenantScope, ids: Set<string>, created: KeyReportCreated) {
  const r = await areasWithoutValues(s, ids);
  return [...r, ...created.map((c) => ({ code: c.code, name: c.name ?? c.code }))].toSorted((a, b) =>
    a.code.localeCompare(b.code),
  );
}
type KeyReportCreated = Array<{ code: string; name: string | null }>;

/** Areas of `level` valid at `date` that have values but no boundary in the file. */
async function missingInFile(s: TenantScope, level: AreaLevel, date: string, inFile: Set<string>) {
  const r = await areasWithValuesAt(s, level, date);
  return r.filter((a) => !inFile.has(a.id)).map(({ code, name }) => ({ code, name }));
}

export async function analyzeBoundaries(
  s: TenantScope,
  file: UploadedFile,
  options: ImportOptions | null,
): Promise<ImportAnalysis> {
  const ds = await readFor(s, file, options);
  const { keyProperty, nameProperty } = requireKey(ds, options, file.name);
  const validFrom = options?.validFrom ?? DEFAULT_VALID_FROM;
  const { keys } = fileKeys(ds, keyProperty, nameProperty);
  const level = options?.level ?? suggestLevel(keys.map((k) => k.code));
  const { report, assignments } = matchKeys(keys, await tenantAreas(s), {
    level,
    createAreas: options?.createAreas ?? true,
    mappings: mappingsOf(await savedMappings(s), options),
  });
  report.missingInFile = await missingInFile(s, level, validFrom, assignedIds(assignments));
  report.withoutData = await withoutData(s, assignedIds(assignments), report.created);
  return {
    kind: 'boundaries',
    format: ds.format,
    crs: { ...ds.crs, alternatives: [...ds.crs.alternatives] },
    features: ds.features.length,
    propertyNames: ds.propertyNames,
    keyProperty,
    nameProperty,
    level,
    bbox: [...ds.bbox],
    sample: ds.features.slice(0, 5).map((f) => f.properties),
    keys: report,
    ...(ds.layers ? { layers: ds.layers } : {}),
    warnings: ds.warnings,
  };
}

export async function commitBoundaries(
  s: TenantScope,
  run: { id: string; fileName: string; createdBy: string | null },
  file: UploadedFile,
  options: ImportOptions,
  progress: ProgressFn,
): Promise<ImportResult> {
  const t0 = performance.now();
  const ds = await readFor(s, file, options);
  await progress(30, 'Grenzen gelesen');
  const { keyProperty, nameProperty } = requireKey(ds, options, file.name);
  const validFrom = options.validFrom ?? DEFAULT_VALID_FROM;
  const validTo = options.validTo ?? null;
  if (validTo && validTo < validFrom) {
    throw new HttpError(400, 'validity', 'Das Ende der Gültigkeit liegt vor ihrem Beginn.', {
      field: 'validTo',
    });
  }
  const { merged, keys } = fileKeys(ds, keyProperty, nameProperty);
  const level = options.level ?? suggestLevel(keys.map((k) => k.code));
  const known = await tenantAreas(s);
  const { assignments, report } = matchKeys(keys, known, {
    level,
    createAreas: options.createAreas ?? true,
    mappings: mappingsOf(await savedMappings(s), options),
  });
  if (report.unmatched.length && !options.skipUnmatched) {
    throw new ImportRefused(
      409,
      'unmatched_keys',
      `${file.name}: ${report.unmatched.length} Gebietsschlüssel wurden nicht zugeordnet (${report.unmatched
        .slice(0, 8)
        .map((u) => u.code)
        .join(', ')}). Ordnen Sie sie zu oder bestätigen Sie, dass diese Grenzen ausgelassen werden.`,
    );
  }
  report.missingInFile = await missingInFile(s, level, validFrom, assignedIds(assignments));
  report.withoutData = await withoutData(s, assignedIds(assignments), report.created);
  const nameOf = new Map(keys.map((k) => [k.code, k.name]));
  await progress(50, 'Gebiete werden zugeordnet');

  const result = await s.transaction(async (tx) => {
    const officialIds = new Map(known.map((a) => [a.code, a.id]));
    const createdIds = new Map<string, string>();
    for (const [code, a] of assignments) {
      if (typeof a === 'string') continue;
      createdIds.set(code, crypto.randomUUID());
    }
    for (const [code, id] of createdIds) officialIds.set(code, id);
    const toInsert = [...createdIds].map(([code, id]) => {
      const a = assignments.get(code) as { level: AreaLevel; name: string };
      const parentKey = keyLevel(code) ? officialParentKeys(code).find((k) => officialIds.has(k)) : undefined;
      return {
        id,
        level: a.level,
        code,
        name: a.name,
        parentId: options.parentAreaId ?? (parentKey ? officialIds.get(parentKey)! : null),
        validFrom: options.validFrom ?? null,
        validTo,
        importRunId: run.id,
      };
    });
    await insertAreas(tx, toInsert);

    // Matched areas exist at least as long as their new boundary version.
    const matchedIds = [...assignedIds(assignments)];
    const previousValidity = await widenValidity(tx, matchedIds, validFrom, validTo);
    const closedVersions: Array<{ id: string; validTo: string | null }> = [];
    let versions = 0;
    for (const m of merged) {
      const code = String(m.key);
      const a = assignments.get(code);
      const areaId = typeof a === 'string' ? a : createdIds.get(code);
      if (!areaId) continue;
      // An open version that starts earlier is closed the day before; one with the same start is replaced.
      const existing = await areaVersionsOf(tx, areaId);
      for (const v of existing) {
        const overlaps = v.validFrom <= (validTo ?? '9999-12-31') && (v.validTo ?? '9999-12-31') >= validFrom;
        if (!overlaps) continue;
        if (v.validFrom < validFrom) {
          closedVersions.push({ id: v.id, validTo: v.validTo });
          await closeVersion(tx, v.id, validFrom);
        } else {
          throw new HttpError(
            409,
            'version_exists',
            `${file.name}: Für ${code} (${nameOf.get(code) ?? ''}) gibt es bereits einen Gebietsstand ab ${v.validFrom}. ` +
              'Machen Sie den früheren Import rückgängig oder wählen Sie ein anderes Gültigkeitsdatum.',
          );
        }
      }
      const bbox = bboxOf(m.geometry);
      await insertVersion(tx, {
        areaId,
        validFrom,
        validTo,
        name: nameOf.get(code) ?? code,
        geometry: m.geometry,
        bbox,
        importRunId: run.id,
      });
      versions += 1;
    }
    const undo = emptyUndoLog();
    if (options.saveKeyMappings && options.keyMappings?.length) {
      undo.keyMappings = await saveKeyMappings(tx, run.createdBy, options.keyMappings);
    }
    return {
      undo,
      observations: { inserted: 0, replaced: 0, skipped: 0 },
      indicators: { created: [], updated: [] },
      areas: { created: toInsert.length, versions },
      recomputed: [],
      keys: report,
      warnings: [...ds.warnings],
      seconds: 0,
      closedVersions,
      previousValidity,
    };
  });
  result.seconds = Math.round((performance.now() - t0) / 100) / 10;
  return result;
}
