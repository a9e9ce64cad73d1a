import type { ImportAnalysis, ImportOptions, IndicatorTopic } from '@dkbm/contract';
import { createdByLevel, defaultCreateAreas, matchKeys } from './keys';
import { detectFormat, writableCells, type DatasetScan, type TidyMapping } from '@dkbm/domain';
import { HttpError } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { ownedAreaIds, savedMappings, tenantAreas, tenantDimensions, territoryOf } from './keys.repo';
import { indicatorIdsByCode } from './statistics.repo';
import { planDimensions } from './dimensionPlan';
import type { DatasetSummary } from './statistics.reader';
import { StatisticsReader } from './statistics.thread';
import type { UploadedFile } from './types';

/* The check of a statistics file before its import: indicators, dimensions, keys, warnings. */

const nf = new Intl.NumberFormat('de-DE');

/**
 * Every id inside import options (keyMappings[].areaId, parentAreaId) must be an area of the tenant: an id
 * of another tenant is answered like an unknown one, 404 (ADR 2), before anything is stored.
 */
export async function assertOptionIdsOwned(
  s: TenantScope,
  options: ImportOptions | null | undefined,
): Promise<void> {
  const ids = new Set<string>();
  for (const k of options?.keyMappings ?? []) ids.add(k.areaId);
  if (options?.parentAreaId) ids.add(options.parentAreaId);
  if (!ids.size) return;
  const found = await ownedAreaIds(s, [...ids]);
  const missing = [...ids].filter((id) => !found.has(id));
  if (!missing.length) return;
  const k = options?.keyMappings?.find((m) => !found.has(m.areaId));
  throw new HttpError(
    404,
    'not_found',
    k
      ? `Die Raumeinheit für den Schlüssel „${k.sourceKey.slice(0, 40)}“ wurde nicht gefunden.`
      : 'Die übergeordnete Raumeinheit wurde nicht gefunden.',
    { field: k ? 'keyMappings' : 'parentAreaId' },
  );
}

export function mappingsOf(saved: Map<string, string>, options: ImportOptions | null | undefined) {
  const m = new Map(saved);
  for (const k of options?.keyMappings ?? []) m.set(k.sourceKey, k.areaId);
  return m;
}

/** Topic suggested by the GENESIS statistic number (first five digits of the table code). */
export function topicOfTable(code: string | undefined): IndicatorTopic {
  if (!code) return 'grundinformationen';
  if (/^AI003|^AI-N-05|^AIG-24|^2254/.test(code)) return 'fruehkindliche_bildung';
  if (/^2111|^AIG-03/.test(code)) return 'allgemeinbildende_schulen';
  if (/^2112|^2113/.test(code)) return 'berufliche_bildung';
  if (code.startsWith('213')) return 'hochschulen';
  if (/^215|^216/.test(code)) return 'weiterbildung';
  if (/^1211|^AI-Z1/.test(code)) return 'grundinformationen';
  if (/^11111|^12411|^AI002/.test(code)) return 'rahmenbedingungen';
  return 'grundinformationen';
}

/** German note on negative values: kept as they are, with where they are. */
function negativesWarning(ds: DatasetSummary, negatives: DatasetScan['negatives']): string | null {
  if (!negatives.count) return null;
  const label = (dim: string, value: string) =>
    ds.dimensions.find((d) => d.key === dim)?.values.find((v) => v.key === value)?.label ?? value;
  const statisticalVariableName = (key: string) =>
    ds.statisticalVariables.find((m) => m.key === key)?.name ?? key;
  const where = negatives.examples.map((r) => {
    const cell = [
      statisticalVariableName(r.statisticalVariable),
      ...Object.entries(r.dims).map(([k, v]) => label(k, v)),
    ].join(', ');
    const area = r.regionName ? `${r.regionName} (${r.regionCode})` : r.regionCode;
    return `${area}, ${r.period.type === 'year' ? r.period.date.slice(0, 4) : r.period.date.split('-').toReversed().join('.')}, ${cell}: ${r.value!.replace('.', ',').replace('-', '−')} (Zeile ${r.line})`;
  });
  const more = negatives.count - where.length;
  return (
    `Die Datei enthält ${nf.format(negatives.count)} negative ${negatives.count === 1 ? 'Wert' : 'Werte'} ` +
    `(amtliche Korrekturen): ${where.join('; ')}${more > 0 ? ` und ${nf.format(more)} weitere` : ''}. ` +
    'Sie werden unverändert übernommen; bei der Geheimhaltung bleiben sie veröffentlicht und werden nie als kleine Fallzahl behandelt.'
  );
}

/**
 * Read a statistics file off the event loop (a worker thread for large files, ADR 0005): its dataset
 * without rows, the scan and the cleaning warnings. The reader stays open for staging; close it.
 * `cellCheck: false` for a commit, whose staging refuses a cell that occurs twice.
 */
export async function readStatisticsFile(
  reader: StatisticsReader,
  file: UploadedFile,
  options: ImportOptions | null | undefined,
  cellCheck = true,
) {
  return reader.read(file, options?.mapping as TidyMapping | undefined, cellCheck);
}

export async function analyzeStatistics(
  s: TenantScope,
  file: UploadedFile,
  options: ImportOptions | null,
): Promise<ImportAnalysis> {
  const reader = new StatisticsReader();
  try {
    return await analyzeWith(reader, s, file, options);
  } finally {
    await reader.close();
  }
}

async function analyzeWith(
  reader: StatisticsReader,
  s: TenantScope,
  file: UploadedFile,
  options: ImportOptions | null,
): Promise<ImportAnalysis> {
  const format = detectFormat(file);
  if ((format === 'tidy-csv' || format === 'tidy-xlsx') && (!options?.mapping || options.inspect)) {
    const inspection = await reader.inspect(file, {
      ...(options?.inspect?.sheet ? { sheet: options.inspect.sheet } : {}),
      ...(options?.inspect?.headerRow ? { headerRow: options.inspect.headerRow } : {}),
    });
    return {
      kind: 'statistics',
      format,
      meta: {},
      measures: [],
      dimensions: [],
      periods: [],
      periodType: 'year',
      rows: 0,
      flags: {},
      keys: { matched: 0, mapped: 0, created: [], unmatched: [] },
      inspection,
      needsMapping: true,
      warnings: [],
    };
  }
  const { summary: ds, scan, warnings: cleaned } = await readStatisticsFile(reader, file, options);
  const indByCode = await indicatorIdsByCode(s);
  const tenantDims = await tenantDimensions(s);
  const existingDims = new Set(tenantDims.map((d) => d.code));

  const overrides = new Map((options?.indicators ?? []).map((o) => [o.key, o]));
  const territory = await territoryOf(s);
  const auto = defaultCreateAreas(scan.keys, territory);
  const createAreas = options?.createAreas ?? auto.createAreas;
  const known = await tenantAreas(s);
  const mappings = mappingsOf(await savedMappings(s), options);
  const { report, assignments } = matchKeys(scan.keys, known, {
    level: options?.level,
    createAreas,
    mappings,
  });
  // What „Unbekannte Gebiete anlegen“ would create, also while it is off.
  const wouldCreate = createAreas
    ? report.created
    : matchKeys(scan.keys, known, { level: options?.level, createAreas: true, mappings }).report.created;
  for (const u of report.unmatched)
    u.byMeasure = Object.fromEntries(scan.keyStatisticalVariables.get(u.code) ?? []);
  const warnings: string[] = [...cleaned];
  const negative = negativesWarning(ds, scan.negatives);
  if (negative) warnings.push(negative);
  if (options?.createAreas === undefined && !auto.createAreas) {
    warnings.push(
      `${auto.outside} von ${auto.total} Gebietsschlüsseln der Datei liegen außerhalb von ${territory.name || 'Ihrer Kommune'}. ` +
        '„Unbekannte Gebiete anlegen“ ist deshalb ausgeschaltet: Es werden nur Werte für vorhandene Gebiete übernommen. ' +
        'Schalten Sie es ein, um die fremden Gebiete anzulegen.',
    );
  }
  const plan = planDimensions(ds, options?.dimensionNames, tenantDims);
  for (const d of ds.dimensions.filter((x) => !plan.get(x.key)!.named)) {
    const p = plan.get(d.key)!;
    warnings.push(
      p.code.includes('.')
        ? `Das Merkmal „${d.name}“ hat in der Datei keinen Namen. Bitte benennen Sie es.`
        : `Das Merkmal „${d.name}“ hat in der Datei keinen Namen; es wurde nach seinen Werten als „${p.name}“ erkannt. Bitte prüfen Sie den Namen.`,
    );
  }
  return {
    kind: 'statistics',
    format: ds.meta.format,
    meta: { ...ds.meta },
    measures: ds.statisticalVariables.map((m) => {
      const code = overrides.get(m.key)?.code ?? m.key;
      return {
        key: m.key,
        name: m.name,
        unit: m.unit,
        existingIndicatorId: indByCode.get(code) ?? null,
        suggestedCode: code,
        cells: scan.cellsByStatisticalVariable.get(m.key) ?? 0,
        writable: writableCells(scan, (k) => assignments.has(k), [m.key]),
      };
    }),
    dimensions: ds.dimensions.map((d) => {
      const p = plan.get(d.key)!;
      return {
        key: d.key,
        code: p.code,
        name: p.name,
        named: p.named,
        existing: existingDims.has(p.code),
        values: d.values.map((v) => ({ key: v.key, label: v.label, isTotal: v.isTotal })),
      };
    }),
    periods: ds.periods.map((p) => p.date),
    periodType: ds.periods[0]?.type ?? 'year',
    rows: ds.rowCount,
    flags: scan.flags,
    keys: report,
    needsMapping: false,
    warnings,
    createAreas,
    outsideKeys: territory.ags ? { outside: auto.outside, total: auto.total } : null,
    createPreview: createdByLevel(wouldCreate),
  };
}
