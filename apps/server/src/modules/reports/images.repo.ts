import { eq, inArray } from 'drizzle-orm';
import { reportImageParts, reportImages } from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/* Images of a report (content in parts of 1 MiB, as the import files and the network's attachments). */

export type ImageRow = Omit<typeof reportImages.$inferSelect, 'tenantId' | 'createdAt'>;

/** Bytes of an image per row of `report_image_parts` (base64 in the row). */
export const IMAGE_PART_BYTES = 1024 * 1024;

const columns = {
  id: reportImages.id,
  reportId: reportImages.reportId,
  mime: reportImages.mime,
  size: reportImages.size,
  width: reportImages.width,
  height: reportImages.height,
};

export async function imageRows(s: TenantScope, ids: readonly string[]): Promise<ImageRow[]> {
  if (!ids.length) return [];
  return s
    .select(columns)
    .from(reportImages)
    .where(s.owns(reportImages, inArray(reportImages.id, [...ids])));
}

/** Stores the image row and its parts in one transaction: no statement carries the whole file. */
export async function insertImage(
  s: TenantScope,
  v: { reportId: string; mime: string; width: number; height: number; bytes: Uint8Array },
): Promise<string> {
  return s.transaction(async (tx) => {
    const [row] = await tx
      .insert(reportImages)
      .values(
        tx.withTenant({
          reportId: v.reportId,
          mime: v.mime,
          size: v.bytes.byteLength,
          width: v.width,
          height: v.height,
        }),
      )
      .returning({ id: reportImages.id });
    for (let seq = 0; seq * IMAGE_PART_BYTES < v.bytes.byteLength; seq++) {
      const part = v.bytes.subarray(seq * IMAGE_PART_BYTES, (seq + 1) * IMAGE_PART_BYTES);
      const content = Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('base64');
      await tx.insert(reportImageParts).values(tx.withTenant({ imageId: row!.id, seq, content }));
    }
    return row!.id;
  });
}

/** The content, read part by part into one buffer of the image's size. */
export async function imageBytes(s: TenantScope, img: { id: string; size: number }): Promise<Buffer> {
  const parts = await s
    .select({ seq: reportImageParts.seq, content: reportImageParts.content })
    .from(reportImageParts)
    .where(s.owns(reportImageParts, eq(reportImageParts.imageId, img.id)))
    .orderBy(reportImageParts.seq);
  const bytes = Buffer.alloc(img.size);
  let at = 0;
  for (const p of parts) {
    const part = Buffer.from(p.content, 'base64');
    part.copy(bytes, at, 0, Math.min(part.byteLength, img.size - at));
    at += part.byteLength;
  }
  return bytes;
}
