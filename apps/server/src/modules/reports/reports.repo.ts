import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import {
  reportBlocks,
  reportChapters,
  reportComments,
  reportRevisions,
  reports,
  users,
} from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/* Reports, chapters, blocks and comments: SQL only. */

export type ReportRow = typeof reports.$inferSelect;
export type ChapterRow = typeof reportChapters.$inferSelect;
export type BlockRow = typeof reportBlocks.$inferSelect;
type Insert<T extends { $inferInsert: object }> = Omit<T['$inferInsert'], 'tenantId' | 'id'>;

export async function listReportRows(s: TenantScope, statuses?: readonly string[]): Promise<ReportRow[]> {
  return s
    .select()
    .from(reports)
    .where(s.owns(reports, statuses ? inArray(reports.status, [...statuses]) : undefined))
    .orderBy(desc(reports.period), desc(reports.createdAt));
}

export async function findReport(s: TenantScope, id: string): Promise<ReportRow | null> {
  const r = await s
    .select()
    .from(reports)
    .where(s.owns(reports, eq(reports.id, id)))
    .limit(1);
  return r[0] ?? null;
}

export async function insertReport(s: TenantScope, values: Insert<typeof reports>): Promise<string> {
  const [row] = await s.insert(reports).values(s.withTenant(values)).returning({ id: reports.id });
  return row!.id;
}

/** Changes a report while it still has `status` (a concurrent status change wins); false if not. */
export async function updateReportRow(
  s: TenantScope,
  id: string,
  status: string,
  set: Partial<Insert<typeof reports>>,
): Promise<boolean> {
  const r = await s
    .update(reports)
    .set({ ...set, updatedAt: new Date().toISOString() })
    .where(s.owns(reports, eq(reports.id, id), eq(reports.status, status)))
    .returning({ id: reports.id });
  return r.length > 0;
}

export async function chapterRows(s: TenantScope, reportId: string) {
  return s
    .select({ c: reportChapters, updatedByName: users.displayName })
    .from(reportChapters)
    .leftJoin(users, eq(users.id, reportChapters.updatedBy))
    .where(s.owns(reportChapters, eq(reportChapters.reportId, reportId)))
    .orderBy(asc(reportChapters.position));
}

/** Every chapter of the tenant's reports with its report (newest report first, chapters in order). */
export async function allChapterRows(s: TenantScope) {
  return s
    .select({
      chapterId: reportChapters.id,
      chapterTitle: reportChapters.title,
      reportId: reports.id,
      reportTitle: reports.title,
    })
    .from(reportChapters)
    .innerJoin(reports, s.owns(reports, eq(reports.id, reportChapters.reportId)))
    .where(s.owns(reportChapters))
    .orderBy(desc(reports.createdAt), asc(reportChapters.position));
}

export async function findChapter(s: TenantScope, reportId: string, id: string): Promise<ChapterRow | null> {
  const r = await s
    .select()
    .from(reportChapters)
    .where(s.owns(reportChapters, eq(reportChapters.id, id), eq(reportChapters.reportId, reportId)))
    .limit(1);
  return r[0] ?? null;
}

export async function insertChapter(s: TenantScope, values: Insert<typeof reportChapters>): Promise<string> {
  const [row] = await s
    .insert(reportChapters)
    .values(s.withTenant(values))
    .returning({ id: reportChapters.id });
  return row!.id;
}

export async function updateChapterRow(
  s: TenantScope,
  id: string,
  set: Partial<Insert<typeof reportChapters>>,
): Promise<void> {
  await s
    .update(reportChapters)
    .set({ ...set, updatedAt: new Date().toISOString() })
    .where(s.owns(reportChapters, eq(reportChapters.id, id)));
}

export async function deleteChapterRow(s: TenantScope, id: string): Promise<void> {
  await s.delete(reportChapters).where(s.owns(reportChapters, eq(reportChapters.id, id)));
}

export async function blockRows(s: TenantScope, reportId: string): Promise<BlockRow[]> {
  return s
    .select()
    .from(reportBlocks)
    .where(s.owns(reportBlocks, eq(reportBlocks.reportId, reportId)))
    .orderBy(asc(reportBlocks.position));
}

export async function findBlock(s: TenantScope, reportId: string, id: string): Promise<BlockRow | null> {
  const r = await s
    .select()
    .from(reportBlocks)
    .where(s.owns(reportBlocks, eq(reportBlocks.id, id), eq(reportBlocks.reportId, reportId)))
    .limit(1);
  return r[0] ?? null;
}

export async function insertBlock(s: TenantScope, values: Insert<typeof reportBlocks>): Promise<string> {
  const [row] = await s.insert(reportBlocks).values(s.withTenant(values)).returning({ id: reportBlocks.id });
  return row!.id;
}

/** Changes a block; with `expectUpdatedAt` only while it is unchanged since then (false if not). */
export async function updateBlockRow(
  s: TenantScope,
  id: string,
  set: Partial<Insert<typeof reportBlocks>>,
  expectUpdatedAt?: string,
): Promise<boolean> {
  const r = await s
    .update(reportBlocks)
    .set({ ...set, updatedAt: new Date().toISOString() })
    .where(
      s.owns(
        reportBlocks,
        eq(reportBlocks.id, id),
        expectUpdatedAt ? eq(reportBlocks.updatedAt, expectUpdatedAt) : undefined,
      ),
    )
    .returning({ id: reportBlocks.id });
  return r.length > 0;
}

/** A block's place in its chapter; not a change of its content (its `updatedAt` stays). */
export async function setBlockPosition(s: TenantScope, id: string, position: number): Promise<void> {
  await s
    .update(reportBlocks)
    .set({ position })
    .where(s.owns(reportBlocks, eq(reportBlocks.id, id)));
}

export async function deleteBlockRow(s: TenantScope, id: string): Promise<void> {
  await s.delete(reportBlocks).where(s.owns(reportBlocks, eq(reportBlocks.id, id)));
}

export async function commentRows(s: TenantScope, reportId: string) {
  return s
    .select({ c: reportComments, author: users.displayName })
    .from(reportComments)
    .leftJoin(users, eq(users.id, reportComments.authorId))
    .where(s.owns(reportComments, eq(reportComments.reportId, reportId)))
    .orderBy(asc(reportComments.createdAt));
}

export async function insertComment(s: TenantScope, values: Insert<typeof reportComments>): Promise<string> {
  const [row] = await s
    .insert(reportComments)
    .values(s.withTenant(values))
    .returning({ id: reportComments.id });
  return row!.id;
}

/** Marks a comment of the report resolved; false when the report has no such comment. */
export async function resolveCommentRow(
  s: TenantScope,
  reportId: string,
  id: string,
  userId: string,
): Promise<boolean> {
  const r = await s
    .update(reportComments)
    .set({ resolvedAt: new Date().toISOString(), resolvedBy: userId })
    .where(s.owns(reportComments, and(eq(reportComments.id, id), eq(reportComments.reportId, reportId))))
    .returning({ id: reportComments.id });
  return r.length > 0;
}

export async function insertRevision(s: TenantScope, values: Insert<typeof reportRevisions>): Promise<void> {
  await s.insert(reportRevisions).values(s.withTenant(values));
}

/** The change history of a chapter, newest first. */
export async function revisionRows(s: TenantScope, reportId: string, chapterId: string) {
  return s
    .select({ r: reportRevisions, author: users.displayName })
    .from(reportRevisions)
    .leftJoin(users, eq(users.id, reportRevisions.userId))
    .where(
      s.owns(
        reportRevisions,
        and(eq(reportRevisions.reportId, reportId), eq(reportRevisions.chapterId, chapterId)),
      ),
    )
    .orderBy(desc(reportRevisions.createdAt), desc(reportRevisions.id));
}
