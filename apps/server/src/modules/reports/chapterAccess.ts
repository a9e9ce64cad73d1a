import { hasPermission, type Role } from '@dkbm/contract';
import { HttpError, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { chapterAuthorIds, chapterReviewerRows, isAssignedInReport } from './team.repo';

/** The caller of a report route: a person of the tenant with a role. */
export interface Who {
  userId: string | null;
  role: Role;
}

/**
 * Who may change a chapter's blocks: the Redaktion (editors, administrators) always, and the chapter's
 * authors (also „Mitwirkende“). Anyone else is 403 — after the chapter was found (404 first) and only
 * for people who can read the draft.
 */
export async function assertMayWriteChapter(
  s: TenantScope,
  reportId: string,
  chapterId: string,
  who: Who,
): Promise<void> {
  if (hasPermission(who.role, 'data.write')) return;
  // A draft they neither write nor review does not exist for them (404 before 403).
  if (!(await mayReadDraft(s, reportId, who))) throw notFound('Der Bericht');
  if (who.userId && (await chapterAuthorIds(s, chapterId)).includes(who.userId)) return;
  throw new HttpError(
    403,
    'forbidden',
    'Die Bausteine dieses Kapitels dürfen nur seine Autorinnen und Autoren und die Redaktion ändern.',
  );
}

/** Whether a „Mitwirkende“ may read a draft: when they write or review one of its chapters. */
export async function mayReadDraft(s: TenantScope, reportId: string, who: Who): Promise<boolean> {
  if (hasPermission(who.role, 'data.write')) return true;
  if (!hasPermission(who.role, 'data.contribute') || !who.userId) return false;
  return isAssignedInReport(s, reportId, who.userId);
}

/**
 * Who may comment on a chapter (and resolve its comments): the Redaktion, and the chapter's authors and
 * reviewer (also „Mitwirkende“). A draft they have no part in is 404 to them; another chapter 403.
 */
export async function assertMayComment(
  s: TenantScope,
  reportId: string,
  chapterId: string,
  who: Who,
): Promise<void> {
  if (hasPermission(who.role, 'data.write')) return;
  if (!(await mayReadDraft(s, reportId, who))) throw notFound('Der Bericht');
  if (who.userId) {
    if ((await chapterAuthorIds(s, chapterId)).includes(who.userId)) return;
    const reviewers = await chapterReviewerRows(s, reportId);
    if (reviewers.some((r) => r.chapterId === chapterId && r.id === who.userId)) return;
  }
  throw new HttpError(
    403,
    'forbidden',
    'Kommentieren dürfen die Redaktion und die Autorinnen, Autoren und Prüfenden dieses Kapitels.',
  );
}
