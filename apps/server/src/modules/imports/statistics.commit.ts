import crypto from 'node:crypto';
import {
  AREA_LEVEL_ORDER,
  type AreaLevel,
  type ImportOptions,
  type ImportResult,
  type KeyReport,
} from '@dkbm/contract';
import {
  dimsKeyOf,
  ImportFileError,
  isCountUnit,
  isRelativeUnit,
  normaliseUnit,
  writableCells,
  type DatasetScan,
} from '@dkbm/domain';
import type { SQL } from 'drizzle-orm';
import type { Database } from '../../platform/db/client';
import { copyChunks } from '../../platform/db/copy';
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
import { planDimensions, recode, sourceKeyOf } from './dimensionPlan';
import { emptyUndoLog, newLinks, saveKeyMappings } from './undoLog.repo';
import { mappingsOf, readStatisticsFile, topicOfTable } from './statistics.analysis';
import type { StageInput } from './statistics.reader';
import { StatisticsReader } from './statistics.thread';
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
import { tracer } from './trace';

/*
 * The commit of a statistics import: cells staged with COPY outside the transaction, then one
 * transaction writes areas, indicators, dimensions, series and observations set-wise (ADR 0005).
 */

const STAGING_CHUNK = 5000;
/** Cells per INSERT on PGlite (which blocks this thread while a statement runs). */
const PGLITE_PART = 10_000;
const nf = new Intl.NumberFormat('de-DE');

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
  indicatorOfVariable: Map<string, { code: string }>,
): Record<string, AreaLevel> {
  const out: Record<string, AreaLevel> = {};
  for (const [code, perStatisticalVariable] of scan.keyStatisticalVariables) {
    const a = assignments.get(code);
    if (a === undefined || placeOfKey(code, territory) !== 'own') continue;
    const level = typeof a === 'string' ? levelOfArea.get(a) : (a as { level?: AreaLevel }).level;
    if (!level) continue;
    for (const m of perStatisticalVariable.keys()) {
      const ind = indicatorOfVariable.get(m);
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
  // The file is read, scanned and turned into staged cells in a worker thread for large files; this
  // thread only plans and talks to the database (ADR 0005). The worker and its memory end with the run.
  const reader = new StatisticsReader();
  try {
    return await commitWith(reader, database, s, run, file, options, progress);
  } finally {
    await reader.close();
  }
}

async function commitWith(
  reader: StatisticsReader,
  database: Database,
  s: TenantScope,
  run: { id: string; fileName: string; createdBy: string | null },
  file: UploadedFile,
  options: ImportOptions,
  progress: ProgressFn,
): Promise<ImportResult> {
  const t0 = performance.now();
  const trace = tracer();
  // The check found no cell twice; staging refuses one all the same (after keys are mapped to areas, too),
  // so the parse does not search for them a second time (issue 9: 25 MB for the benchmark's file).
  const { summary: ds, scan, warnings: cleaned } = await readStatisticsFile(reader, file, options, false);
  await progress(5, 'Datei gelesen');
  trace('read and scan');
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
  const indicatorOfVariable = new Map<string, { id: string; code: string; isNew: boolean }>();
  for (const m of ds.statisticalVariables) {
    const o = overrides.get(m.key);
    if (o?.skip) continue;
    const code = o?.code ?? m.key;
    const id = idByCode.get(code);
    indicatorOfVariable.set(
      m.key,
      id ? { id, code, isNew: false } : { id: crypto.randomUUID(), code, isNew: true },
    );
  }
  if (indicatorOfVariable.size === 0) {
    throw new HttpError(
      400,
      'nothing_to_import',
      `${file.name}: Es ist kein Indikator zum Import ausgewählt.`,
    );
  }
  // A run that would write no value is refused before anything (indicator, area, dimension) is made.
  if (writableCells(scan, (k) => assignments.has(k), indicatorOfVariable.keys()) === 0) {
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
  const existingIndicatorIds = [...indicatorOfVariable.values()].filter((m) => !m.isNew).map((m) => m.id);
  const seriesIds = await seriesIdsOf(s, existingIndicatorIds);
  type NewSeries = { id: number; indicatorId: string; dims: Record<string, string>; dimsKey: string };
  let idPool: number[] = [];
  const newSeriesId = async () => {
    if (!idPool.length) idPool = await nextSeriesIds(s, 256);
    return idPool.shift()!;
  };
  const levelOfArea = new Map<string, AreaLevel>(known.map((a) => [a.id, a.level]));
  for (const p of planned) levelOfArea.set(p.id, p.level);

  // Series of the file: per measure its dimension combinations, recoded to the tenant's dimensions.
  const stageSeries = new Map<string, number>();
  const seriesOfId = new Map<number, NewSeries>();
  for (const [measure, combos] of scan.series) {
    const ind = indicatorOfVariable.get(measure);
    if (!ind) continue;
    for (const [sig, dims] of combos) {
      const recoded = recode(dims, plan);
      const dimsKey = dimsKeyOf(recoded);
      const sKey = `${ind.id}|${dimsKey}`;
      let sid = seriesIds.get(sKey);
      if (sid === undefined) {
        sid = await newSeriesId();
        seriesIds.set(sKey, sid);
        seriesOfId.set(sid, { id: sid, indicatorId: ind.id, dims: recoded, dimsKey });
      }
      stageSeries.set(`${measure}\u0001${sig}`, sid);
    }
  }

  // Stage every cell with COPY (outside the transaction). Staging rows are compact: a run number instead
  // of the run's uuid, and the import's own area number (1, 2, …; mapped back to area ids in the
  // transaction) instead of the area's uuid.
  const runNo = await nextStagingRunNo(s);
  // Area number = position in insertion order, 1-based (as `WITH ORDINALITY` counts below).
  const areaNos = new Map<string, number>();
  const areaNoByKey = new Map<string, number>();
  for (const [code, areaId] of areaOf) {
    let no = areaNos.get(areaId);
    if (no === undefined) {
      no = areaNos.size + 1;
      areaNos.set(areaId, no);
    }
    areaNoByKey.set(code, no);
  }
  const input: StageInput = {
    runNo,
    areaNoByKey,
    levelByAreaNo: new Map(
      [...areaNos].flatMap(([id, no]) => {
        const lv = levelOfArea.get(id);
        return lv ? [[no, lv] as const] : [];
      }),
    ),
    statisticalVariables: new Map([...indicatorOfVariable].map(([m, ind]) => [m, { isNew: ind.isNew }])),
    seriesIds: stageSeries,
    chunkRows: STAGING_CHUNK,
  };
  // The cells as COPY text in chunks of STAGING_CHUNK lines, made (in the worker) while they are sent:
  // PostgreSQL gets one COPY stream (it stores a chunk while the next is made), PGlite one COPY per chunk.
  const staging = reader.stage(input);
  let sent = 0;
  async function* stagingChunks(): AsyncGenerator<string> {
    for await (const chunk of staging.chunks) {
      yield chunk;
      sent += STAGING_CHUNK;
      await progress(
        5 + Math.round((Math.min(sent, ds.rowCount) / Math.max(1, ds.rowCount)) * 70),
        `${nf.format(Math.min(sent, ds.rowCount))} von ${nf.format(ds.rowCount)} Werten vorbereitet`,
      );
    }
  }
  try {
    await copyChunks(
      database,
      'import_staging',
      ['run_no', 'series_id', 'area_no', 'period', 'value', 'flag', 'line'],
      stagingChunks(),
    );
    const { staged, skipped, coverage, series: usedSeries } = staging.result();
    trace('staging COPY');
    // Only series that received cells are created (a combination may occur only for skipped keys).
    const newSeries = usedSeries.flatMap((id) => seriesOfId.get(id) ?? []);
    const linkDims = new Map<string, Set<string>>();
    for (const n of newSeries) {
      const links = linkDims.get(n.indicatorId) ?? new Set<string>();
      for (const k of Object.keys(n.dims)) links.add(k);
      linkDims.set(n.indicatorId, links);
    }
    // Coverage of new indicators, counted while staging (existing ones are recomputed in SQL).
    const cov = new Map<
      string,
      { first: string; last: string; n: number; periods: Set<string>; levels: Set<AreaLevel> }
    >();
    for (const [measure, c] of coverage) {
      const id = indicatorOfVariable.get(measure)!.id;
      const prev = cov.get(id);
      if (!prev) {
        cov.set(id, {
          first: c.first,
          last: c.last,
          n: c.n,
          periods: new Set(c.periods),
          levels: new Set(c.levels),
        });
        continue;
      }
      prev.n += c.n;
      if (c.first < prev.first) prev.first = c.first;
      if (c.last > prev.last) prev.last = c.last;
      for (const p of c.periods) prev.periods.add(p);
      for (const l of c.levels) prev.levels.add(l);
    }

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

    // The staged cells with their area ids (an area's number is its position in `areaNos`). PGlite runs
    // in this thread: there the cells are written in parts of about PGLITE_PART cells (by area number),
    // and between parts the event loop answers other requests (ADR 0005). PostgreSQL takes them at once.
    const areaIdList = [...areaNos.keys()];
    const parts: SQL[] = [];
    if (database.driver === 'pglite' && staged > PGLITE_PART) {
      const perPart = Math.max(1, Math.floor((areaIdList.length * PGLITE_PART) / staged));
      for (let from = 1; from <= areaIdList.length; from += perPart) {
        parts.push(stagedCells(runNo, areaIdList, { from, to: from + perPart - 1 }));
      }
    } else {
      parts.push(stagedCells(runNo, areaIdList));
    }
    const breathe = () => new Promise((resolve) => setImmediate(resolve));
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
      for (const m of ds.statisticalVariables) {
        const ind = indicatorOfVariable.get(m.key);
        if (!ind) continue;
        const o = overrides.get(m.key);
        if (ind.isNew) {
          const relative = isRelativeUnit(m.unit);
          await insertIndicator(tx, {
            id: ind.id,
            code: ind.code,
            nameDe: o?.nameDe ?? m.name,
            unit: normaliseUnit(m.unit),
            decimals: scan.decimalsByStatisticalVariable.get(m.key) ?? 0,
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
      const newIds = new Set(seriesOfId.keys());
      const touchedExisting = [...new Set(seriesIds.values())].filter((id) => !newIds.has(id));
      let nReplaced = 0;
      if (touchedExisting.length) {
        for (const cells of parts) {
          nReplaced += await recordReplaced(tx, run.id, cells);
          await breathe();
        }
      }
      trace('replaced');
      // One statement; a cell twice in the file makes it fail, and the savepoint lets us name both lines.
      try {
        await tx.transaction(async (sp) => {
          for (const cells of parts) {
            await insertObservations(sp, run.id, cells, touchedExisting.length > 0);
            await breathe();
          }
        });
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
      const touched = [...indicatorOfVariable.values()].map((m) => m.id);
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
      const openAt = ownLevels(scan, assignments, levelOfArea, territory, indicatorOfVariable);
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
    result.warnings.push(...cleaned);
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
