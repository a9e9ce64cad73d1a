import {
  INDICATOR_BLOCKS,
  LEITFADEN_CHAPTERS,
  RICH_BLOCKS,
  STEERING_BLOCKS,
  REPORT_TRANSITIONS,
  hasPermission,
  richToText,
  textToRich,
  type Block,
  type BlockData,
  type Chapter,
  type BlockCreate,
  type BlockRef,
  type BlockUpdate,
  type ReportCreate,
  type ReportDetail,
  type ReportStatus,
  type ReportSummary,
  type ReportRevision,
  type ReportUpdate,
  type RevisionAction,
  type Role,
} from '@dkbm/contract';
import { HttpError, conflict, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { currentDataVersions, takeBlockData } from './blockData';
import { blockText } from './blockText';
import { takeRef, writeRecommendation } from './steeringRefs';
import { liveRefs, toBlock } from './blockView';
import { imageRows } from './images.repo';
import { assertMayWriteChapter, mayReadDraft, type Who } from './chapterAccess';
import { chapterAuthorRows, chapterReviewerRows } from './team.repo';
import {
  blockRows,
  chapterRows,
  commentRows,
  deleteChapterRow,
  findBlock,
  findChapter,
  findReport,
  insertBlock,
  allChapterRows,
  insertChapter,
  insertReport,
  insertRevision,
  listReportRows,
  revisionRows,
  updateBlockRow,
  updateChapterRow,
  updateReportRow,
  type BlockRow,
  type ReportRow,
} from './reports.repo';

/*
 * Bildungsberichte: chapters of blocks; data blocks keep a snapshot of the monitoring's public view,
 * refreshed deliberately while the report is being written and frozen at release (ADR 0012).
 */

/** Statuses whose content is fixed: released and published reports never change. */
const FROZEN: readonly string[] = ['approved', 'published'];
/** What viewers (politics, committees) may read. */
const RELEASED: readonly string[] = ['approved', 'published'];

export const mayWrite = (role: Role) => hasPermission(role, 'data.write');

function toSummary(r: ReportRow): ReportSummary {
  return {
    id: r.id,
    title: r.title,
    period: r.period,
    dataCutoff: r.dataCutoff,
    authors: r.authors,
    summary: r.summary,
    status: r.status as ReportStatus,
    releasedAt: r.releasedAt,
    publishedAt: r.publishedAt,
    updatedAt: r.updatedAt,
  };
}

export async function listReports(
  s: TenantScope,
  role: Role,
  userId: string | null = null,
): Promise<ReportSummary[]> {
  if (mayWrite(role)) return (await listReportRows(s)).map(toSummary);
  // „Mitwirkende“ also see the drafts in which they write or review a chapter.
  const out: ReportSummary[] = [];
  for (const r of await listReportRows(s))
    if (RELEASED.includes(r.status) || (await mayReadDraft(s, r.id, { userId, role })))
      out.push(toSummary(r));
  return out;
}

/** Published reports of a municipality (the public portal). */
export async function publishedReports(s: TenantScope): Promise<ReportSummary[]> {
  return (await listReportRows(s, ['published'])).map(toSummary);
}

/** A report the caller may see: viewers only released ones (others are 404 to them). */
async function visibleReport(s: TenantScope, id: string, role: Role, userId: string | null = null) {
  const r = await findReport(s, id);
  if (!r) throw notFound('Der Bericht');
  if (mayWrite(role) || RELEASED.includes(r.status) || (await mayReadDraft(s, r.id, { userId, role })))
    return r;
  throw notFound('Der Bericht');
}

export async function editableReport(s: TenantScope, id: string): Promise<ReportRow> {
  const r = await findReport(s, id);
  if (!r) throw notFound('Der Bericht');
  if (FROZEN.includes(r.status))
    throw conflict('Der Bericht ist freigegeben und kann nicht mehr geändert werden.');
  return r;
}

const isIndicatorBlock = (kind: string) => INDICATOR_BLOCKS.includes(kind as Block['kind']);
const isSteeringBlock = (kind: string) => STEERING_BLOCKS.includes(kind as Block['kind']);
export const isRichBlock = (kind: string) => RICH_BLOCKS.includes(kind as Block['kind']);

async function detailOf(s: TenantScope, r: ReportRow): Promise<ReportDetail> {
  const chapters = await chapterRows(s, r.id);
  const blocks = await blockRows(s, r.id);
  const frozen = FROZEN.includes(r.status);
  const versions = frozen
    ? new Map<string, number>()
    : await currentDataVersions(
        s,
        blocks.flatMap((b) => (b.indicatorId ? [b.indicatorId] : [])),
      );
  const live = frozen ? new Map<string, BlockRef>() : await liveRefs(s, blocks);
  const comments = await commentRows(s, r.id);
  const authors = await chapterAuthorRows(s, r.id);
  const reviewers = await chapterReviewerRows(s, r.id);
  return {
    ...toSummary(r),
    chapters: chapters.map(({ c, updatedByName }) => ({
      id: c.id,
      position: c.position,
      title: c.title,
      updatedAt: c.updatedAt,
      updatedBy: updatedByName,
      authors: authors.filter((a) => a.chapterId === c.id).map(({ id, name }) => ({ id, name })),
      reviewer:
        reviewers.flatMap((p) => (p.chapterId === c.id ? [{ id: p.id, name: p.name }] : []))[0] ?? null,
      reviewStatus: c.reviewStatus as Chapter['reviewStatus'],
      blocks: blocks.filter((b) => b.chapterId === c.id).map((b) => toBlock(b, versions, live, frozen)),
    })),
    comments: comments.map(({ c, author }) => ({
      id: c.id,
      chapterId: c.chapterId,
      blockId: c.blockId,
      quote: c.quote,
      body: c.body,
      author,
      createdAt: c.createdAt,
      resolvedAt: c.resolvedAt,
    })),
    next: [...REPORT_TRANSITIONS[r.status as ReportStatus]],
  };
}

export async function getReport(
  s: TenantScope,
  id: string,
  role: Role,
  userId: string | null = null,
): Promise<ReportDetail> {
  return detailOf(s, await visibleReport(s, id, role, userId));
}

/** A published report for the public portal, or null. */
export async function publishedReport(s: TenantScope, id: string): Promise<ReportDetail | null> {
  const r = await findReport(s, id);
  if (!r || r.status !== 'published') return null;
  const detail = await detailOf(s, r);
  return { ...detail, comments: [] };
}

export async function createReport(
  s: TenantScope,
  body: ReportCreate,
  userId: string | null,
): Promise<ReportDetail> {
  const previous = body.template === 'previous' ? await findReport(s, body.previousReportId ?? '') : null;
  if (body.template === 'previous' && !previous) throw notFound('Der frühere Bericht');
  const id = await s.transaction(async (t) => {
    const reportId = await insertReport(t, {
      title: body.title,
      period: body.period,
      dataCutoff: body.dataCutoff ?? null,
      authors: body.authors ?? null,
      summary: previous?.summary ?? null,
      status: 'draft',
      createdBy: userId,
    });
    if (body.template === 'leitfaden') {
      for (const [i, title] of LEITFADEN_CHAPTERS.entries())
        await insertChapter(t, { reportId, position: i + 1, title, updatedBy: userId });
    }
    if (previous) await copyStructure(t, previous.id, reportId, userId);
    return reportId;
  });
  return getReport(s, id, 'editor');
}

/** Chapters and blocks of an earlier report; data blocks take the indicator's current data. */
async function copyStructure(s: TenantScope, fromId: string, toId: string, userId: string | null) {
  const chapters = await chapterRows(s, fromId);
  const blocks = await blockRows(s, fromId);
  for (const { c } of chapters) {
    const chapterId = await insertChapter(s, {
      reportId: toId,
      position: c.position,
      title: c.title,
      updatedBy: userId,
    });
    for (const b of blocks.filter((x) => x.chapterId === c.id)) {
      const data =
        b.indicatorId && isIndicatorBlock(b.kind)
          ? await takeBlockData(
              s,
              b.indicatorId,
              (b.view as 'areas' | 'series') ?? 'areas',
              b.kind,
              referenceIdsOf(b),
            ).catch(() => b.data)
          : null;
      // Goals and recommendations as they are now (the same ones; a deleted one keeps its old text).
      const ref =
        b.refId && isSteeringBlock(b.kind) ? await takeRef(s, b.kind, b.refId).catch(() => b.ref) : null;
      await insertBlock(s, {
        reportId: toId,
        chapterId,
        position: b.position,
        kind: b.kind,
        text: b.text,
        doc: b.doc,
        caption: b.caption,
        indicatorId: b.indicatorId,
        view: b.view,
        data,
        areaCode: b.areaCode,
        refId: b.refId,
        ref,
      });
    }
  }
}

export async function updateReport(s: TenantScope, id: string, body: ReportUpdate): Promise<ReportDetail> {
  const r = await editableReport(s, id);
  if (!(await updateReportRow(s, id, r.status, body)))
    throw conflict('Der Bericht wurde inzwischen geändert. Bitte laden Sie die Seite neu.');
  return getReport(s, id, 'editor');
}

/**
 * Status change. Release („freigeben“) freezes every block as it is; publishing makes the released
 * report public. Only the changes of REPORT_TRANSITIONS are allowed.
 */
export async function changeStatus(
  s: TenantScope,
  id: string,
  status: ReportStatus,
  userId: string | null,
): Promise<ReportDetail> {
  const r = await findReport(s, id);
  if (!r) throw notFound('Der Bericht');
  const allowed = REPORT_TRANSITIONS[r.status as ReportStatus];
  if (!allowed.includes(status))
    throw conflict(`Der Bericht kann nicht von „${r.status}“ nach „${status}“ wechseln.`, {
      field: 'status',
      allowed,
    });
  if (status === 'approved') {
    const blocks = await blockRows(s, id);
    const empty = blocks.filter(
      (b) => (isIndicatorBlock(b.kind) && !b.data) || (isSteeringBlock(b.kind) && !b.ref),
    );
    if (empty.length)
      throw conflict('Ein Datenbaustein hat keine Daten: bitte aktualisieren oder entfernen.', {
        blockId: empty[0]!.id,
      });
  }
  const now = new Date().toISOString();
  const ok = await updateReportRow(s, id, r.status, {
    status,
    ...(status === 'approved' ? { releasedAt: now, releasedBy: userId } : {}),
    ...(status === 'published' ? { publishedAt: now } : {}),
  });
  if (!ok) throw conflict('Der Bericht wurde inzwischen geändert. Bitte laden Sie die Seite neu.');
  return getReport(s, id, 'editor');
}

/* ---------- chapters ---------- */

/**
 * The sections (chapters) of all reports of the tenant, for the steering module's findings (which name
 * the section they belong to; ADR 0011). Internal: drafts are included.
 */
export async function reportSections(
  s: TenantScope,
): Promise<Array<{ chapterId: string; chapterTitle: string; reportId: string; reportTitle: string }>> {
  return allChapterRows(s);
}

export async function addChapter(s: TenantScope, reportId: string, title: string, userId: string | null) {
  await editableReport(s, reportId);
  const chapters = await chapterRows(s, reportId);
  const position = Math.max(0, ...chapters.map(({ c }) => c.position)) + 1;
  await insertChapter(s, { reportId, position, title, updatedBy: userId });
  return getReport(s, reportId, 'editor');
}

async function editableChapter(s: TenantScope, reportId: string, chapterId: string) {
  const chapter = await findChapter(s, reportId, chapterId);
  if (!chapter) throw notFound('Das Kapitel');
  await editableReport(s, reportId);
  return chapter;
}

export async function renameChapter(
  s: TenantScope,
  reportId: string,
  chapterId: string,
  title: string,
  userId: string | null,
) {
  await editableChapter(s, reportId, chapterId);
  await updateChapterRow(s, chapterId, { title, updatedBy: userId });
  return getReport(s, reportId, 'editor');
}

export async function removeChapter(s: TenantScope, reportId: string, chapterId: string) {
  await editableChapter(s, reportId, chapterId);
  await deleteChapterRow(s, chapterId);
  return getReport(s, reportId, 'editor');
}

/* ---------- blocks ---------- */

/** What a history entry names of a block. */
type RevisionBlock = { id: string; reportId: string; chapterId: string; kind: string };

export async function record(
  s: TenantScope,
  block: RevisionBlock,
  action: RevisionAction,
  before: string | null,
  after: string | null,
  userId: string | null,
) {
  await insertRevision(s, {
    reportId: block.reportId,
    chapterId: block.chapterId,
    blockId: block.id,
    action,
    kind: block.kind,
    before,
    after,
    userId,
  });
}

/**
 * After a block changed: its history entry, the chapter marked as changed by this person, and the report as
 * the editor sees it now (what every block route answers).
 */
export async function recordBlockChange(
  s: TenantScope,
  block: RevisionBlock,
  action: RevisionAction,
  before: string | null,
  after: string | null,
  userId: string | null,
): Promise<ReportDetail> {
  await record(s, block, action, before, after, userId);
  await updateChapterRow(s, block.chapterId, { updatedBy: userId });
  return getReport(s, block.reportId, 'editor');
}

/** The change history of a chapter (newest first); viewers see it for released reports only. */
export async function chapterHistory(
  s: TenantScope,
  reportId: string,
  chapterId: string,
  role: Role,
  userId: string | null = null,
): Promise<ReportRevision[]> {
  await visibleReport(s, reportId, role, userId);
  if (!(await findChapter(s, reportId, chapterId))) throw notFound('Das Kapitel');
  return (await revisionRows(s, reportId, chapterId)).map(({ r, author }) => ({
    id: r.id,
    chapterId: r.chapterId,
    blockId: r.blockId,
    kind: (r.kind ?? null) as ReportRevision['kind'],
    action: r.action as RevisionAction,
    before: r.before,
    after: r.after,
    author,
    createdAt: r.createdAt,
  }));
}

/** The reference areas a chart block's snapshot compares with (kept in the snapshot, taken again on refresh). */
const referenceIdsOf = (b: { data: unknown }) =>
  (b.data as BlockData | null)?.references?.map((r) => r.areaId) ?? [];

const onlyCharts = () =>
  new HttpError(400, 'bad_request', 'Nur Diagramm-Bausteine haben Vergleichsgebiete.', {
    field: 'referenceAreaIds',
  });

export async function addBlock(
  s: TenantScope,
  reportId: string,
  chapterId: string,
  body: BlockCreate,
  userId: string | null,
  role: Role = 'editor',
) {
  const report = await editableReport(s, reportId);
  await editableChapter(s, reportId, chapterId);
  await assertMayWriteChapter(s, reportId, chapterId, { userId, role });
  const indicator = isIndicatorBlock(body.kind);
  if (body.referenceAreaIds?.length && body.kind !== 'chart') throw onlyCharts();
  const view = indicator
    ? body.kind === 'keyfigure'
      ? 'series'
      : body.kind === 'map'
        ? 'areas'
        : (body.view ?? (body.kind === 'chart' ? 'series' : 'areas'))
    : null;
  // The indicator is read through the monitoring's service: a foreign or unknown id is 404.
  const data = indicator
    ? await takeBlockData(s, body.indicatorId!, view!, body.kind, body.referenceAreaIds ?? [])
    : null;
  if (body.kind === 'map' && !data?.map?.shapes.length)
    throw new HttpError(
      400,
      'bad_request',
      'Für diesen Indikator gibt es keine Gebiete mit Grenzen und Werten: bitte ein Diagramm oder eine Tabelle wählen.',
      { field: 'indicatorId' },
    );
  if (body.kind === 'keyfigure' && body.areaCode && !data!.cells.some((c) => c.areaCode === body.areaCode))
    throw new HttpError(400, 'bad_request', 'Für dieses Gebiet hat der Indikator keine Werte.', {
      field: 'areaCode',
    });
  // Goals and recommendations through the steering module's services: foreign or unknown ids are 404.
  let refId: string | null = null;
  if (body.kind === 'goal') refId = body.goalId!;
  if (body.kind === 'finding') refId = body.findingId!;
  if (body.kind === 'recommendation')
    refId =
      body.recommendationId ?? (await writeRecommendation(s, { userId }, body.recommendation!, report.title));
  const ref = refId ? await takeRef(s, body.kind, refId) : null;
  // An image block shows an image uploaded to this report (another tenant's or report's id: 404).
  if (body.kind === 'image') {
    const [img] = await imageRows(s, [body.imageId!]);
    if (img?.reportId !== reportId) throw notFound('Das Bild');
  }
  const blocks = (await blockRows(s, reportId)).filter((b) => b.chapterId === chapterId);
  const doc = isRichBlock(body.kind) ? (body.doc ?? textToRich(body.text ?? '')) : null;
  const values = {
    reportId,
    chapterId,
    position: Math.max(0, ...blocks.map((b) => b.position)) + 1,
    kind: body.kind,
    text: doc ? richToText(doc) : body.kind === 'image' ? body.alt! : null,
    doc,
    caption: body.caption ?? null,
    indicatorId: indicator ? body.indicatorId! : null,
    view,
    data,
    areaCode: body.kind === 'keyfigure' ? (body.areaCode ?? null) : null,
    // image: the image's id (no foreign key: the block keeps it as the history does)
    refId: body.kind === 'image' ? body.imageId! : refId,
    ref,
  };
  const id = await insertBlock(s, values);
  return recordBlockChange(s, { ...values, id }, 'created', null, blockText(values), userId);
}

export async function editableBlock(s: TenantScope, reportId: string, blockId: string, who: Who) {
  const block = await findBlock(s, reportId, blockId);
  if (!block) throw notFound('Der Baustein');
  await editableReport(s, reportId);
  await assertMayWriteChapter(s, reportId, block.chapterId, who);
  return block;
}

export async function updateBlock(
  s: TenantScope,
  reportId: string,
  blockId: string,
  body: BlockUpdate,
  userId: string | null,
  role: Role = 'editor',
) {
  const block = await editableBlock(s, reportId, blockId, { userId, role });
  if ((body.text !== undefined || body.doc !== undefined) && !isRichBlock(block.kind))
    throw new HttpError(400, 'bad_request', 'Nur Textbausteine haben einen Text.', { field: 'text' });
  if (body.alt !== undefined && block.kind !== 'image')
    throw new HttpError(400, 'bad_request', 'Nur Bild-Bausteine haben einen Alternativtext.', {
      field: 'alt',
    });
  if (block.kind === 'image' && body.caption !== undefined && !body.caption)
    throw new HttpError(400, 'bad_request', 'Bitte eine Bildunterschrift angeben.', { field: 'caption' });
  if (body.areaCode !== undefined && block.kind !== 'keyfigure')
    throw new HttpError(400, 'bad_request', 'Nur Kennzahl-Bausteine haben ein Gebiet.', {
      field: 'areaCode',
    });
  const view =
    isIndicatorBlock(block.kind) && block.kind !== 'keyfigure' && block.kind !== 'map'
      ? body.view
      : undefined;
  if (body.referenceAreaIds !== undefined && block.kind !== 'chart') throw onlyCharts();
  // A new view or other reference areas take the block's data anew (as a refresh does).
  const references = body.referenceAreaIds ?? referenceIdsOf(block);
  const data =
    block.indicatorId && ((view && view !== block.view) || body.referenceAreaIds !== undefined)
      ? await takeBlockData(
          s,
          block.indicatorId,
          view ?? (block.view as 'areas' | 'series') ?? 'areas',
          block.kind,
          references,
        )
      : undefined;
  // The rich text is the source; its plain form feeds the change history. Plain text alone is converted.
  const doc = body.doc ?? (body.text !== undefined ? textToRich(body.text ?? '') : undefined);
  const set = {
    ...(doc ? { doc, text: richToText(doc) } : {}),
    // An image's alternative text lives in `text` (what a screen reader reads instead of the image).
    ...(body.alt !== undefined ? { text: body.alt } : {}),
    ...(body.caption !== undefined ? { caption: body.caption } : {}),
    ...(view ? { view } : {}),
    ...(data ? { data } : {}),
    ...(body.areaCode !== undefined ? { areaCode: body.areaCode } : {}),
  };
  // Two authors on one block: a change based on an older state is refused, never silently lost.
  if (body.baseUpdatedAt && !(await updateBlockRow(s, blockId, set, body.baseUpdatedAt))) {
    const chapter = (await chapterRows(s, reportId)).find(({ c }) => c.id === block.chapterId);
    throw conflict(
      `Der Baustein wurde inzwischen${chapter?.updatedByName ? ` von ${chapter.updatedByName}` : ''} geändert. Ihre Änderung ist nicht gespeichert: bitte laden Sie die Seite neu und übernehmen Sie sie dann.`,
      { field: 'baseUpdatedAt' },
    );
  }
  if (!body.baseUpdatedAt) await updateBlockRow(s, blockId, set);
  return recordBlockChange(s, block, 'changed', blockText(block), blockText({ ...block, ...set }), userId);
}

/** Takes the indicator's current public data into the block (only before release). */
export async function refreshBlock(
  s: TenantScope,
  reportId: string,
  blockId: string,
  userId: string | null,
  role: Role = 'editor',
) {
  const block = await editableBlock(s, reportId, blockId, { userId, role });
  let set: Partial<BlockRow>;
  if (isSteeringBlock(block.kind) && block.refId) {
    set = { ref: await takeRef(s, block.kind, block.refId) };
  } else {
    if (!block.indicatorId)
      throw new HttpError(400, 'bad_request', 'Dieser Baustein hat keine Daten zum Aktualisieren.');
    set = {
      data: await takeBlockData(
        s,
        block.indicatorId,
        (block.view as 'areas' | 'series') ?? 'areas',
        block.kind,
        referenceIdsOf(block),
      ),
    };
  }
  await updateBlockRow(s, blockId, set);
  return recordBlockChange(s, block, 'refreshed', blockText(block), blockText({ ...block, ...set }), userId);
}

/**
 * Title and status of a report of this tenant, or null (another tenant's id or unknown) — for modules
 * that link a report (e.g. an enquiry of the network module); reading rights stay with the caller's module.
 */
export async function reportTitle(
  s: TenantScope,
  id: string,
): Promise<{ id: string; title: string; status: ReportStatus } | null> {
  const r = await findReport(s, id);
  return r ? { id: r.id, title: r.title, status: r.status as ReportStatus } : null;
}
