import { anchorPassage, textToRich, type RichDoc, type Role } from '@dkbm/contract';
import { HttpError, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { assertMayComment } from './chapterAccess';
import {
  commentRows,
  findBlock,
  findChapter,
  findReport,
  insertComment,
  resolveCommentRow,
  updateBlockRow,
} from './reports.repo';
import { editableReport, getReport, isRichBlock } from './reports.service';

/*
 * Comments on chapters, blocks and passages of text blocks; written and resolved by the Redaktion and by
 * the chapter's authors and reviewer (ADR 0012, fifth slice).
 */

export async function addComment(
  s: TenantScope,
  reportId: string,
  body: { chapterId: string; blockId?: string | undefined; quote?: string | undefined; body: string },
  userId: string | null,
  role: Role = 'editor',
) {
  const r = await findReport(s, reportId);
  if (!r) throw notFound('Der Bericht');
  if (!(await findChapter(s, reportId, body.chapterId))) throw notFound('Das Kapitel');
  await assertMayComment(s, reportId, body.chapterId, { userId, role });
  const block = body.blockId ? await findBlock(s, reportId, body.blockId) : null;
  if (body.blockId && (!block || block.chapterId !== body.chapterId)) throw notFound('Der Baustein');
  // A passage: marked in the text block's document with the comment's id (before release only).
  let anchored: ((id: string) => RichDoc) | null = null;
  if (body.quote) {
    if (!block || !isRichBlock(block.kind))
      throw new HttpError(400, 'bad_request', 'Eine Textstelle gibt es nur in Text-Bausteinen.', {
        field: 'quote',
      });
    await editableReport(s, reportId);
    const doc = (block.doc as RichDoc | null) ?? textToRich(block.text ?? '');
    if (!anchorPassage(doc, body.quote, PLACEHOLDER_ID))
      throw new HttpError(
        400,
        'bad_request',
        'Die Textstelle steht so nicht im Baustein (sie muss in einem Absatz liegen): bitte neu markieren.',
        { field: 'quote' },
      );
    anchored = (id) => anchorPassage(doc, body.quote!, id)!;
  }
  const id = await insertComment(s, {
    reportId,
    chapterId: body.chapterId,
    blockId: body.blockId ?? null,
    quote: body.quote ?? null,
    body: body.body,
    authorId: userId,
  });
  // The mark is an annotation, not a change of the text: no revision; the block's state (updatedAt) moves on.
  if (anchored && block) await updateBlockRow(s, block.id, { doc: anchored(id) });
  return getReport(s, reportId, 'editor');
}

const PLACEHOLDER_ID = '00000000-0000-4000-8000-000000000000';

export async function resolveComment(
  s: TenantScope,
  reportId: string,
  commentId: string,
  userId: string,
  role: Role = 'editor',
) {
  if (!(await findReport(s, reportId))) throw notFound('Der Bericht');
  const comment = (await commentRows(s, reportId)).find(({ c }) => c.id === commentId)?.c;
  if (!comment) throw notFound('Der Kommentar');
  await assertMayComment(s, reportId, comment.chapterId, { userId, role });
  if (!(await resolveCommentRow(s, reportId, commentId, userId))) throw notFound('Der Kommentar');
  return getReport(s, reportId, 'editor');
}
