import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { reportChapterAuthors, reportChapters, reports, users } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/* Authors and reviewers of report chapters: SQL only. */

/** The authors of the chapters of a report, by name. */
export async function chapterAuthorRows(s: TenantScope, reportId: string) {
  return s
    .select({ chapterId: reportChapterAuthors.chapterId, id: users.id, name: users.displayName })
    .from(reportChapterAuthors)
    .innerJoin(users, eq(users.id, reportChapterAuthors.userId))
    .innerJoin(reportChapters, s.owns(reportChapters, eq(reportChapters.id, reportChapterAuthors.chapterId)))
    .where(s.owns(reportChapterAuthors, eq(reportChapters.reportId, reportId)))
    .orderBy(asc(users.displayName), asc(users.id));
}

/** The reviewers of the chapters of a report, by chapter. */
export async function chapterReviewerRows(s: TenantScope, reportId: string) {
  return s
    .select({ chapterId: reportChapters.id, id: users.id, name: users.displayName })
    .from(reportChapters)
    .innerJoin(users, eq(users.id, reportChapters.reviewerId))
    .where(s.owns(reportChapters, eq(reportChapters.reportId, reportId)));
}

/** Replaces the authors of a chapter. */
export async function setChapterAuthorRows(s: TenantScope, chapterId: string, userIds: readonly string[]) {
  await s
    .delete(reportChapterAuthors)
    .where(s.owns(reportChapterAuthors, eq(reportChapterAuthors.chapterId, chapterId)));
  if (userIds.length)
    await s
      .insert(reportChapterAuthors)
      .values(s.withTenant(userIds.map((userId) => ({ chapterId, userId }))));
}

export async function chapterAuthorIds(s: TenantScope, chapterId: string): Promise<string[]> {
  const rows = await s
    .select({ userId: reportChapterAuthors.userId })
    .from(reportChapterAuthors)
    .where(s.owns(reportChapterAuthors, eq(reportChapterAuthors.chapterId, chapterId)));
  return rows.map((r) => r.userId);
}

/** Whether the person writes or reviews a chapter of the report. */
export async function isAssignedInReport(s: TenantScope, reportId: string, userId: string): Promise<boolean> {
  const rows = await s
    .select({ id: reportChapters.id })
    .from(reportChapters)
    .where(
      s.owns(
        reportChapters,
        eq(reportChapters.reportId, reportId),
        or(
          eq(reportChapters.reviewerId, userId),
          inArray(
            reportChapters.id,
            s
              .select({ id: reportChapterAuthors.chapterId })
              .from(reportChapterAuthors)
              .where(s.owns(reportChapterAuthors, eq(reportChapterAuthors.userId, userId))),
          ),
        ),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** The chapters a person writes or reviews, newest report first. */
export async function myChapterRows(s: TenantScope, userId: string) {
  const mine = alias(reportChapterAuthors, 'mine');
  return s
    .select({
      reportId: reports.id,
      reportTitle: reports.title,
      reportStatus: reports.status,
      chapterId: reportChapters.id,
      chapterTitle: reportChapters.title,
      reviewStatus: reportChapters.reviewStatus,
      author: sql<boolean>`${mine.userId} IS NOT NULL`,
      reviewer: sql<boolean>`${reportChapters.reviewerId} IS NOT DISTINCT FROM ${userId}::uuid`,
    })
    .from(reportChapters)
    .innerJoin(reports, s.owns(reports, eq(reports.id, reportChapters.reportId)))
    .leftJoin(
      mine,
      and(
        eq(mine.chapterId, reportChapters.id),
        eq(mine.tenantId, reportChapters.tenantId),
        eq(mine.userId, userId),
      ),
    )
    .where(s.owns(reportChapters, or(eq(reportChapters.reviewerId, userId), sql`${mine.userId} IS NOT NULL`)))
    .orderBy(desc(reports.createdAt), asc(reportChapters.position));
}
