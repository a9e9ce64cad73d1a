import {
  CHAPTER_REVIEW_LABELS,
  CHAPTER_REVIEW_TRANSITIONS,
  hasPermission,
  type ChapterReviewStatus,
  type ChapterTeam,
  type MyChapter,
  type ReportDetail,
  type ReportPerson,
  type ReportStatus,
} from '@dkbm/contract';
import { HttpError, conflict, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { activeMembers } from '../users/users.service';
import { mayReadDraft, type Who } from './chapterAccess';
import { findChapter, findReport, insertRevision, updateChapterRow } from './reports.repo';
import { getReport } from './reports.service';
import { chapterAuthorIds, myChapterRows, setChapterAuthorRows } from './team.repo';

/*
 * Who writes and who reviews a chapter, and its review status (in Arbeit → zur Prüfung → geprüft).
 * Every change is in the chapter's history with who and when (ADR 0012).
 */

/** Roles that can write or review a chapter (viewers and providers cannot). */
const TEAM_ROLES: readonly string[] = ['admin', 'editor', 'contributor'];

/** People of the tenant who can be named author or reviewer. */
export async function reportPeople(s: TenantScope): Promise<ReportPerson[]> {
  return (await activeMembers(s))
    .filter((m) => TEAM_ROLES.includes(m.role))
    .map((m) => ({ id: m.id, name: m.displayName, role: m.role }));
}

/** The report (404) and chapter (404) of a change, while the report can still change (409). */
async function openChapter(s: TenantScope, reportId: string, chapterId: string) {
  const report = await findReport(s, reportId);
  if (!report) throw notFound('Der Bericht');
  const chapter = await findChapter(s, reportId, chapterId);
  if (!chapter) throw notFound('Das Kapitel');
  if (report.status === 'approved' || report.status === 'published')
    throw conflict('Der Bericht ist freigegeben und kann nicht mehr geändert werden.');
  return chapter;
}

const names = (ids: readonly string[], people: ReportPerson[]) =>
  ids.map((id) => people.find((p) => p.id === id)?.name ?? '–').join(', ') || '–';

function teamText(authorIds: readonly string[], reviewerId: string | null, people: ReportPerson[]) {
  return `Autorinnen und Autoren: ${names(authorIds, people)}; Prüfung: ${names(reviewerId ? [reviewerId] : [], people)}`;
}

/** Names the authors and the reviewer of a chapter (the Redaktion only). */
export async function setChapterTeam(
  s: TenantScope,
  reportId: string,
  chapterId: string,
  body: ChapterTeam,
  userId: string | null,
): Promise<ReportDetail> {
  const chapter = await openChapter(s, reportId, chapterId);
  const people = await reportPeople(s);
  const all = new Set((await activeMembers(s)).map((m) => m.id));
  const authorIds = [...new Set(body.authorIds)];
  for (const [field, id] of [
    ...authorIds.map((a) => ['authorIds', a] as const),
    ...(body.reviewerId ? [['reviewerId', body.reviewerId] as const] : []),
  ]) {
    // Someone of another tenant (or no one) is 404; a person here without write access is 400.
    if (!all.has(id)) throw notFound('Die Person');
    if (!people.some((p) => p.id === id))
      throw new HttpError(
        400,
        'bad_request',
        'Diese Person hat nur Lesezugriff und kann kein Kapitel schreiben oder prüfen.',
        {
          field,
        },
      );
  }
  const before = teamText(await chapterAuthorIds(s, chapterId), chapter.reviewerId, people);
  await s.transaction(async (t) => {
    await setChapterAuthorRows(t, chapterId, authorIds);
    await updateChapterRow(t, chapterId, { reviewerId: body.reviewerId, updatedBy: userId });
    await insertRevision(t, {
      reportId,
      chapterId,
      blockId: null,
      kind: null,
      action: 'assigned',
      before,
      after: teamText(authorIds, body.reviewerId, people),
      userId,
    });
  });
  return getReport(s, reportId, 'editor');
}

/**
 * Review status: authors give the chapter „zur Prüfung“, the reviewer marks it „geprüft“ or sends it back;
 * the Redaktion may do all of it. Anyone else is 403.
 */
export async function changeReviewStatus(
  s: TenantScope,
  reportId: string,
  chapterId: string,
  status: ChapterReviewStatus,
  who: Who,
): Promise<ReportDetail> {
  const chapter = await openChapter(s, reportId, chapterId);
  if (!(await mayReadDraft(s, reportId, who))) throw notFound('Der Bericht');
  const authors = await chapterAuthorIds(s, chapterId);
  const isAuthor = !!who.userId && authors.includes(who.userId);
  const isReviewer = !!who.userId && chapter.reviewerId === who.userId;
  const editor = hasPermission(who.role, 'data.write');
  const allowed =
    editor ||
    (status === 'in_review' && isAuthor) ||
    (status === 'reviewed' && isReviewer) ||
    (status === 'in_progress' && (isAuthor || isReviewer));
  if (!allowed)
    throw new HttpError(
      403,
      'forbidden',
      'Den Prüfstatus ändern die Autorinnen und Autoren (zur Prüfung), die Prüferin oder der Prüfer (geprüft) und die Redaktion.',
    );
  const from = chapter.reviewStatus as ChapterReviewStatus;
  if (!CHAPTER_REVIEW_TRANSITIONS[from].includes(status))
    throw conflict(
      `Das Kapitel kann nicht von „${CHAPTER_REVIEW_LABELS[from].de}“ nach „${CHAPTER_REVIEW_LABELS[status].de}“ wechseln.`,
      { field: 'reviewStatus', allowed: CHAPTER_REVIEW_TRANSITIONS[from] },
    );
  await s.transaction(async (t) => {
    await updateChapterRow(t, chapterId, { reviewStatus: status, updatedBy: who.userId });
    await insertRevision(t, {
      reportId,
      chapterId,
      blockId: null,
      kind: null,
      action: 'review',
      before: CHAPTER_REVIEW_LABELS[from].de,
      after: CHAPTER_REVIEW_LABELS[status].de,
      userId: who.userId,
    });
  });
  return getReport(s, reportId, who.role, who.userId);
}

/** „Meine Kapitel“: the chapters the caller writes or reviews. */
export async function myChapters(s: TenantScope, userId: string): Promise<MyChapter[]> {
  return (await myChapterRows(s, userId)).map((r) => ({
    ...r,
    reportStatus: r.reportStatus as ReportStatus,
    reviewStatus: r.reviewStatus as ChapterReviewStatus,
    author: !!r.author,
    reviewer: !!r.reviewer,
  }));
}
