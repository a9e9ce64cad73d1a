/**
 * The place of a block in its chapter, and deleting it (split from reports.service.ts, which keeps the
 * rules for reading and writing a report).
 */
import type { Role } from '@dkbm/contract';
import type { TenantScope } from '../../platform/tenancy/scope';
import { blockText } from './blockText';
import { blockRows, deleteBlockRow, setBlockPosition } from './reports.repo';
import { editableBlock, getReport, record, recordBlockChange } from './reports.service';

/**
 * Moves a block one place up or down within its chapter (swaps the positions of the two neighbours).
 * At the first or last place nothing changes.
 */
export async function moveBlock(
  s: TenantScope,
  reportId: string,
  blockId: string,
  direction: 'up' | 'down',
  userId: string | null,
  role: Role = 'editor',
) {
  const block = await editableBlock(s, reportId, blockId, { userId, role });
  const siblings = (await blockRows(s, reportId)).filter((b) => b.chapterId === block.chapterId);
  const at = siblings.findIndex((b) => b.id === block.id);
  const other = siblings[direction === 'up' ? at - 1 : at + 1];
  if (!other) return getReport(s, reportId, 'editor');
  await s.transaction(async (t) => {
    await setBlockPosition(t, block.id, other.position);
    await setBlockPosition(t, other.id, block.position);
  });
  return recordBlockChange(s, block, 'moved', null, null, userId);
}

export async function removeBlock(
  s: TenantScope,
  reportId: string,
  blockId: string,
  userId: string | null,
  role: Role = 'editor',
) {
  const block = await editableBlock(s, reportId, blockId, { userId, role });
  await deleteBlockRow(s, blockId);
  await record(s, block, 'deleted', blockText(block), null, userId);
  return getReport(s, reportId, 'editor');
}
