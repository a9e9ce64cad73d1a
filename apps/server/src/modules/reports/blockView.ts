import {
  RICH_BLOCKS,
  STEERING_BLOCKS,
  blockDataSchema,
  blockRefSchema,
  richDocSchema,
  textToRich,
  type Block,
  type BlockRef,
  type RichDoc,
} from '@dkbm/contract';
import type { TenantScope } from '../../platform/tenancy/scope';
import { refChanged, takeRef } from './steeringRefs';
import type { BlockRow } from './reports.repo';

/* A stored block as the API shows it: parsed snapshot, rich text, „neuere Daten“. */

const isSteeringBlock = (kind: string) => STEERING_BLOCKS.includes(kind as Block['kind']);
const isRichBlock = (kind: string) => RICH_BLOCKS.includes(kind as Block['kind']);

export function parseRef(b: BlockRow): BlockRef | null {
  const parsed = b.ref ? blockRefSchema.safeParse(b.ref) : null;
  return parsed?.success ? parsed.data : null;
}

/** The live goals and recommendations of a draft's steering blocks (gone ones are left out). */
export async function liveRefs(s: TenantScope, blocks: BlockRow[]): Promise<Map<string, BlockRef>> {
  const out = new Map<string, BlockRef>();
  for (const b of blocks) {
    if (!isSteeringBlock(b.kind) || !b.refId || out.has(b.refId)) continue;
    try {
      out.set(b.refId, await takeRef(s, b.kind, b.refId));
    } catch {
      // deleted meanwhile: the block keeps its snapshot
    }
  }
  return out;
}

/** The rich text of a text block; blocks written as plain text (first slice) are converted. */
export function docOf(b: Pick<BlockRow, 'kind' | 'doc' | 'text'>): RichDoc | null {
  if (!isRichBlock(b.kind)) return null;
  const parsed = b.doc ? richDocSchema.safeParse(b.doc) : null;
  return parsed?.success ? parsed.data : textToRich(b.text ?? '');
}

export function toBlock(
  b: BlockRow,
  versions: Map<string, number>,
  live: Map<string, BlockRef>,
  frozen: boolean,
): Block {
  const parsed = b.data ? blockDataSchema.safeParse(b.data) : null;
  const data = parsed?.success ? parsed.data : null;
  const current = b.indicatorId ? versions.get(b.indicatorId) : undefined;
  const ref = parseRef(b);
  const liveRef = b.refId ? live.get(b.refId) : undefined;
  return {
    id: b.id,
    chapterId: b.chapterId,
    position: b.position,
    kind: b.kind as Block['kind'],
    text: b.text,
    doc: docOf(b),
    caption: b.caption,
    indicatorId: b.indicatorId,
    view: (b.view as Block['view']) ?? null,
    data,
    areaCode: b.areaCode,
    ref,
    updatedAt: b.updatedAt,
    imageId: b.kind === 'image' ? b.refId : null,
    newerData:
      !frozen &&
      ((!!data && current !== undefined && current > data.dataVersion) ||
        (!!ref && !!liveRef && refChanged(ref, liveRef))),
  };
}
