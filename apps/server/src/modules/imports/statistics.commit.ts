import fs from 'node:fs';
import crypto from 'node:crypto';
import {
  AREA_LEVEL_ORDER,
  type AreaLevel,
  type ImportOptions,
  type ImportResult,
  type KeyReport,
} from '@dkbm/contract';
import {
  ImportFileError,
  isCountUnit,
  isRelativeUnit,
  normaliseUnit,
  scanDataset,
  writableCells,
  type DatasetScan,
} from '@dkbm/domain';
import type { Database } from '../../platform/db/client';
import { copyChunks, csvField } from '../../platform/db/copy';
import { HttpError } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { recomputeDependents } from '../monitoring/computed.service';
import { touchIndicators } from '../monitoring/catalog.service';
import {
  defaultCreateAreas,
  matchKeys,
  officialParentKeys,
  placeOfKey,
  type KnownArea,
  type Territory,
} from './keys';
import { savedMappings, tenantAreas, tenantDimensions, territoryOf } from './keys.repo';
import { dimsKeyOf } from './dimsKey';
import { planDimensions, recode, sourceKeyOf } from './dimensionPlan';
import { emptyUndoLog, newLinks, saveKeyMappings } from './undoLog.repo';
import { cleanDataset } from './sanitize';
import { mappingsOf, openStatistics, topicOfTable } from './statistics.analysis';
import {
  deleteStaged,
  dimensionValueCount,
  dimensionsByCode,
  dropStaged,
  duplicateLines,
  indicatorIdsByCode,
  insertAreas,
  insertDimensionLinks,
  insertDimensionValues,
  insertIndicator,
  insertObservations,
  insertSeries,
  nextSeriesIds,
  nextStagingRunNo,
  recordReplaced,
  seriesIdsOf,
  stagedCells,
  upsertDimension,
} from './statistics.repo';
import { ImportRefused, type ProgressFn, type UploadedFile } from './types';

/*
 * The commit of a statistics import: cells staged with COPY outside the transaction, then one
 * transaction writes areas, indicators, dimensions, series and observations set-wise (ADR 0005).
 */

const STAGING_CHUNK = 5000;

/** DKBM_TRACE=1 prints the duration of each import step to stderr (for profiling). */
function tracer() {
  let t = performance.now();
  return (step: string) => {
    if (!process.env.DKBM_TRACE) return;
    const now = performance.now();
    // Resident memory now and its peak so far (Linux), to find the step that needs the most.
    let peak = '';
    try {
      peak = /VmHWM:\s*(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '';
    } catch {
      // not Linux
    }
    const mb = (kb: number) => Math.round(kb / 1024);
    const m = process.memoryUsage();
    process.stderr.write(
      `[import] ${step}: ${Math.round(now - t)} ms, RSS ${mb(m.rss / 1024)} MB` +
        (peak ? `, peak ${mb(Number(peak))} MB` : '') +
        ` (JS heap ${mb(m.heapUsed / 1024)} of ${mb(m.heapTotal / 1024)} MB, outside it ${mb(m.external / 1024)} MB)` +
        '\n',
    );
    t = now;
  };
}

interface PlannedArea {
  id: string;
  code: string;
  name: string;
  level: AreaLevel;
}

/** Areas to create, with parents resolved among existing and new official keys. */
function planAreas(
  assignments: Map<string, string | { create: true; level: AreaLevel; name: string }>,
  known: KnownArea[],
): { planned: PlannedArea[]; areaOf: Map<string, string>; parentOf: Map<string, string | null> } {
  const areaOf = new Map<string, string>();
  const planned: PlannedArea[] = [];
  for (const [code, a] of assignments) {
    if (typeof a === 'string') areaOf.set(code, a);
    else {
      const id = crypto.randomUUID();
      planned.push({ id, code, name: a.name, level: a.level });
      areaOf.set(code, id);
    }
  }
  const officialByCode = new Map<string, string>();
  for (const k of known) if (!officialByCode.has(k.code)) officialByCode.set(k.code, k.id);
  for (const p of planned) officialByCode.set(p.code, p.id);
  const parentOf = new Map<string, string | null>();
  for (const p of planned) {
    const parentKey = officialParentKeys(p.code).find((k) => officialByCode.has(k));
    parentOf.set(p.id, parentKey ? officialByCode.get(parentKey)! : null);
  }
  return { planned, areaOf, parentOf };
}

function refuseUnmatched(report: KeyReport, fileName: string): never {
  const list = report.unmatched
    .slice(0, 8)
    .map((u) => `${u.code}${u.name ? ` (${u.name})` : ''}`)
    .join(', ');
  throw new ImportRefused(
    409,
    'unmatched_keys',
    `${fileName}: ${report.unmatched.length} Gebietsschlüssel wurden nicht zugeordnet (${list}${report.unmatched.length > 8 ? ', …' : ''}). ` +
      'Ordnen Sie sie zu oder bestätigen Sie, dass diese Daten ausgelassen werden.',
    { unmatched: report.unmatched.length },
  );
}

/** Per indicator code: the most detailed level at which the file gave the municipality's own areas values. */
function ownLevels(
  scan: DatasetScan,
  assignments: Map<string, unknown>,
  levelOfArea: Map<string, AreaLevel>,
  territory: Territory,
  measureIndicator: Map<string, { code: string }>,
): Record<string, AreaLevel> {
  const out: Record<string, AreaLevel> = {};
  for (const [code, perMeasure] of scan.keyMeasure) {
    const a = assignments.get(code);
    if (a === undefined || placeOfKey(code, territory) !== 'own') continue;
    const level = typeof a === 'string' ? levelOfArea.get(a) : (a as { level?: AreaLevel }).level;
    if (!level) continue;
    for (const m of perMeasure.keys()) {
      const ind = measureIndicator.get(m);
      if (!ind) continue;
      const prev = out[ind.code];
      if (!prev || AREA_LEVEL_ORDER.indexOf(level) > AREA_LEVEL_ORDER.indexOf(prev)) out[ind.code] = level;
    }
  }
  return out;
}

export async function commitStatistics(
  database: Database,
  s: TenantScope,
  run: { id: string; fileName: string; createdBy: string | null },
  file: UploadedFile,
  options: ImportOptions,
  progress: ProgressFn,
): Promise<ImportResult> {
  const t0 = performance.now();
  const trace = tracer();
  const ds = await openStatistics(file, options);
  const cleaned = cleanDataset(ds);
  await progress(5, 'Datei gelesen');
  trace('open');
  const scan = scanDataset(ds, file.name);
  const known = await tenantAreas(s);
  const mappings = mappingsOf(await savedMappings(s), options);
  const territory = await territoryOf(s);
  const { assignments, report } = matchKeys(scan.keys, known, {
    level: options.level,
    createAreas: options.createAreas ?? defaultCreateAreas(scan.keys, territory).createAreas,
    mappings,
  });
  if (report.unmatched.length && !options.skipUnmatched) refuseUnmatched(report, file.name);
  const { planned, areaOf, parentOf } = planAreas(assignments, known);
  trace('scan and match keys');

  // Indicators: existing by code or new (ids generated here so staging can reference them).
  const overrides = new Map((options.indicators ?? []).map((o) => [o.key, o]));
  const idByCode = await indicatorIdsByCode(s);
  const measureIndicator = new Map<string, { id: string; code: string; isNew: boolean }>();
  for (const m of ds.measures) {
    const o = overrides.get(m.key);
    if (o?.skip) continue;
    const code = o?.code ?? m.key;
    const id = idByCode.get(code);
    measureIndicator.set(
      m.key,
      id ? { id, code, isNew: false } : { id: crypto.randomUUID(), code, isNew: true },
    );
  }
  if (measureIndicator.size === 0) {
    throw new HttpError(
      400,
      'nothing_to_import',
      `${file.name}: Es ist kein Indikator zum Import ausgewählt.`,
    );
  }
  // A run that would write no value is refused before anything (indicator, area, dimension) is made.
  if (writableCells(scan, (k) => assignments.has(k), measureIndicator.keys()) === 0) {
    const n = report.unmatched.length;
    throw new ImportRefused(
      409,
      'nothing_to_write',
      `${file.name}: Es würde kein einziger Wert übernommen, weil ${n === 1 ? 'der einzige Gebietsschlüssel' : `alle ${n} Gebietsschlüssel`} ` +
        'keinem Gebiet zugeordnet und ausgelassen ' +
        `${n === 1 ? 'ist' : 'sind'}. Ordnen Sie Schlüssel zu, schalten Sie „Unbekannte Gebiete anlegen“ ein oder verwerfen Sie den Import. ` +
        'Es wurde nichts geändert.',
      { unmatched: n },
    );
  }

  const plan = planDimensions(ds, options.dimensionNames, await tenantDimensions(s));

  // Series (indicator × dimension combination): existing ones by key, new ones get ids drawn from the
  // sequence now, so that the staged cells can carry them; the rows are written in the transaction.
  const existingIndicatorIds = [...measureIndicator.values()].filter((m) => !m.isNew).map((m) => m.id);
  const seriesIds = await seriesIdsOf(s, existingIndicatorIds);
  const newSeries: Array<{ id: number; indicatorId: string; dims: Record<string, string>; dimsKey: string }> =
    [];
  let idPool: number[] = [];
  const newSeriesId = async () => {
    if (!idPool.length) idPool = await nextSeriesIds(s, 256);
    return idPool.shift()!;
  };
  const linkDims = new Map<string, Set<string>>();
  // Coverage of new indicators, counted on the way (existing ones are recomputed in SQL).
  const levelOfArea = new Map<string, AreaLevel>(known.map((a) => [a.id, a.level]));
  for (const p of planned) levelOfArea.set(p.id, p.level);
  const cov = new Map<
    string,
    { first: string; last: string; n: number; periods: Set<string>; levels: Set<AreaLevel> }
  >();

  // Stage every cell with COPY (outside the transaction). Staging rows are compact: a run number instead
  // of the run's uuid, and the import's own area number (1, 2, …; mapped back to area ids in the
  // transaction) instead of the area's uuid.
  const runNo = await nextStagingRunNo(s);
  // Area number = position in insertion order, 1-based (as `WITH ORDINALITY` counts below).
  const areaNos = new Map<string, number>();
  const areaNoOf = (areaId: string) => {
    let no = areaNos.get(areaId);
    if (no === undefined) {
      no = areaNos.size + 1;
      areaNos.set(areaId, no);
    }
    return no;
  };
  let staged = 0;
  let skipped = 0;
  // The cells as COPY text in chunks of STAGING_CHUNK lines, made while they are sent: PostgreSQL gets
  // one COPY stream (it stores a chunk while the next is made), PGlite one COPY per chunk.
  async function* stagingChunks(): AsyncGenerator<string> {
    let lines: string[] = [];
    let lastDimsRef: Record<string, string> | null = null;
    let lastRecoded: Record<string, string> = {};
    let lastKey = '';
    for (const row of ds.rows()) {
      const ind = measureIndicator.get(row.measure);
      const areaId = areaOf.get(row.regionCode.trim());
      if (!ind || !areaId) {
        skipped += 1;
        continue;
      }
      // Rows of one table share their dims objects: recode once per object.
      if (row.dims !== lastDimsRef) {
        lastDimsRef = row.dims;
        lastRecoded = recode(row.dims, plan);
        lastKey = dimsKeyOf(lastRecoded);
      }
      const sKey = `${ind.id}|${lastKey}`;
      let sid = seriesIds.get(sKey);
      if (sid === undefined) {
        sid = await newSeriesId();
        seriesIds.set(sKey, sid);
        newSeries.push({ id: sid, indicatorId: ind.id, dims: lastRecoded, dimsKey: lastKey });
        const links = linkDims.get(ind.id) ?? new Set<string>();
        for (const k of Object.keys(lastRecoded)) links.add(k);
        linkDims.set(ind.id, links);
      }
      if (ind.isNew) {
        const d = row.period.date;
        let c = cov.get(ind.id);
        if (!c) {
          c = { first: d, last: d, n: 0, periods: new Set(), levels: new Set() };
          cov.set(ind.id, c);
        }
        c.n += 1;
        if (d < c.first) c.first = d;
        if (d > c.last) c.last = d;
        c.periods.add(d);
        const lv = levelOfArea.get(areaId);
        if (lv) c.levels.add(lv);
      }
      lines.push(
        `${runNo},${sid},${areaNoOf(areaId)},${row.period.date},${csvField(row.value)},${csvField(row.flag)},${row.line}`,
      );
      if (lines.length >= STAGING_CHUNK) {
        yield lines.join('\n') + '\n';
        staged += lines.length;
        lines = [];
        await progress(
          5 + Math.round((staged / Math.max(1, ds.rowCount)) * 70),
          `${staged} von ${ds.rowCount} Werten vorbereitet`,
        );
      }
    }
    if (lines.length) {
      yield lines.join('\n') + '\n';
      staged += lines.length;
    }
  }
  try {
    await copyChunks(
      database,
      'import_staging',
      ['run_no', 'series_id', 'area_no', 'period', 'value', 'flag', 'line'],
      stagingChunks(),
    );
    trace('staging COPY');

    const meta = ds.meta;
    const source = [
      meta.tableCode ? `Regionaldatenbank / GENESIS, Tabelle ${meta.tableCode}` : null,
      meta.title ?? null,
      meta.stand ? `Stand: ${meta.stand}` : null,
    ]
      .filter(Boolean)
      .join(' – ');
    const licence = /Datenlizenz Deutschland/i.test(meta.copyright ?? '')
      ? 'Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)'
      : null;

    // The staged cells with their area ids (an area's number is its position in `areaNos`).
    const cells = stagedCells(runNo, [...areaNos.keys()]);
    await progress(78, 'Werte werden übernommen');
    const result = await s.transaction(async (tx) => {
      // Areas.
      await insertAreas(
        tx,
        planned.map((p) => ({
          id: p.id,
          level: p.level,
          code: p.code,
          name: p.name,
          parentId: parentOf.get(p.id) ?? null,
          importRunId: run.id,
        })),
      );
      trace('areas');
      // Indicators.
      const created: string[] = [];
      const updated: string[] = [];
      for (const m of ds.measures) {
        const ind = measureIndicator.get(m.key);
        if (!ind) continue;
        const o = overrides.get(m.key);
        if (ind.isNew) {
          const relative = isRelativeUnit(m.unit);
          await insertIndicator(tx, {
            id: ind.id,
            code: ind.code,
            nameDe: o?.nameDe ?? m.name,
            unit: normaliseUnit(m.unit),
            decimals: scan.decimalsByMeasure.get(m.key) ?? 0,
            topic: o?.topic ?? topicOfTable(meta.tableCode),
            measure: relative ? 'relative' : 'absolute',
            periodType: ds.periods[0]?.type ?? 'year',
            source: source || file.name,
            licence,
            attribution: meta.copyright ?? null,
            statisticsCode: meta.tableCode ?? null,
            sourceKey: m.key,
            sdcThreshold: relative || !isCountUnit(m.unit) ? 0 : null,
          });
          created.push(ind.code);
        } else {
          updated.push(ind.code);
        }
      }
      trace('indicators');
      // Dimensions and their values; link them to the indicators. What is new or renamed is logged for undo.
      const undo = emptyUndoLog();
      const dimsBefore = await dimensionsByCode(tx);
      const dimIds = new Map<string, string>();
      for (const d of ds.dimensions) {
        const p = plan.get(d.key)!;
        const sourceKey = sourceKeyOf(meta.tableCode, d.key);
        const before = dimsBefore.get(p.code);
        const renames = !!options.dimensionNames?.[d.key];
        if (before && (!before.sourceKeys.includes(sourceKey) || (renames && before.nameDe !== p.name))) {
          undo.dimensionsChanged.push({
            id: before.id,
            nameDe: before.nameDe,
            named: before.named,
            sourceKeys: before.sourceKeys,
            setName: renames ? p.name : null,
          });
        }
        const dimId = await upsertDimension(tx, {
          code: p.code,
          name: p.name,
          named: p.named,
          sourceKey,
          rename: renames,
        });
        dimIds.set(p.code, dimId);
        if (!before) undo.dimensionsCreated.push(dimId);
        if (d.values.length) {
          const offset = await dimensionValueCount(tx, dimId);
          const added = await insertDimensionValues(
            tx,
            d.values.map((v, i) => ({
              dimensionId: dimId,
              code: v.key,
              labelDe: v.label,
              isTotal: v.isTotal,
              sortOrder: offset + i,
            })),
          );
          // Values of a new dimension go with it; values added to an existing one are logged.
          if (before) undo.valuesCreated.push(...added);
        }
      }
      const links = [...linkDims].flatMap(([indicatorId, codes]) =>
        [...codes]
          .filter((c) => dimIds.has(c))
          .map((c) => ({
            indicatorId,
            dimensionId: dimIds.get(c)!,
            position: ds.dimensions.findIndex((d) => plan.get(d.key)!.code === c),
          })),
      );
      undo.linksCreated = await newLinks(tx, links);
      await insertDimensionLinks(tx, links);

      trace('dimensions');
      await insertSeries(tx, newSeries);
      trace('series');
      // Values of existing series may be replaced: keep the old ones for undo. New series have none.
      const newIds = new Set(newSeries.map((n) => n.id));
      const touchedExisting = [...new Set(seriesIds.values())].filter((id) => !newIds.has(id));
      let nReplaced = 0;
      if (touchedExisting.length) nReplaced = await recordReplaced(tx, run.id, cells);
      trace('replaced');
      // One statement; a cell twice in the file makes it fail, and the savepoint lets us name both lines.
      try {
        await tx.transaction((sp) => insertObservations(sp, run.id, cells, touchedExisting.length > 0));
      } catch (e) {
        const dup = await duplicateLines(tx, runNo);
        if (!dup) throw e;
        throw new ImportFileError({
          code: 'duplicate_cell',
          file: file.name,
          line: dup.b,
          de: `Derselbe Wert (Gebiet, Zeitraum, Merkmale) steht doppelt in der Datei: Zeilen ${dup.a} und ${dup.b}.`,
          en: `The same cell occurs twice: lines ${dup.a} and ${dup.b}.`,
        });
      }
      trace('observations');
      await deleteStaged(tx, runNo);

      if (options.saveKeyMappings && options.keyMappings?.length) {
        undo.keyMappings = await saveKeyMappings(tx, run.createdBy, options.keyMappings);
      }
      const touched = [...measureIndicator.values()].map((m) => m.id);
      await touchIndicators(
        tx,
        touched,
        new Map(
          [...cov].map(([id, c]) => [
            id,
            {
              firstPeriod: c.first,
              lastPeriod: c.last,
              periods: c.periods.size,
              observations: c.n,
              levels: AREA_LEVEL_ORDER.filter((l) => c.levels.has(l)),
            },
          ]),
        ),
      );
      trace('touch');
      const recomputed = await recomputeDependents(tx, touched);
      const openAt = ownLevels(scan, assignments, levelOfArea, territory, measureIndicator);
      return {
        openAt,
        undo,
        observations: { inserted: staged - nReplaced, replaced: nReplaced, skipped },
        indicators: { created, updated },
        areas: { created: planned.length, versions: 0 },
        recomputed,
        keys: report,
        warnings: [] as string[],
        seconds: 0,
      };
    });
    trace('recompute and commit');
    result.seconds = Math.round((performance.now() - t0) / 100) / 10;
    result.warnings.push(...cleaned.warnings());
    if (skipped) {
      result.warnings.push(
        `${skipped} Werte wurden ausgelassen, weil ihr Gebietsschlüssel nicht zugeordnet ist (siehe Schlüsselbericht).`,
      );
    }
    return result;
  } finally {
    await dropStaged(database, runNo);
  }
}
