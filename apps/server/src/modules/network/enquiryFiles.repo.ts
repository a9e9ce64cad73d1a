import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  networkAnswerTemplates,
  networkEnquiryAttachmentParts,
  networkEnquiryAttachments,
} from '../../platform/db/schema';
import type { TenantScope } from '../../platform/tenancy/scope';

/* Answer templates and the attachments of an answer (content in parts of 1 MiB, as the import files). */

export type TemplateRow = typeof networkAnswerTemplates.$inferSelect;
export type AttachmentRow = Omit<typeof networkEnquiryAttachments.$inferSelect, 'tenantId'>;

/** Bytes of an attachment per row of `network_enquiry_attachment_parts` (base64 in the row). */
export const ATTACHMENT_PART_BYTES = 1024 * 1024;

export async function templateRows(s: TenantScope, id?: string): Promise<TemplateRow[]> {
  return s
    .select()
    .from(networkAnswerTemplates)
    .where(s.owns(networkAnswerTemplates, id ? eq(networkAnswerTemplates.id, id) : undefined))
    .orderBy(asc(networkAnswerTemplates.title), asc(networkAnswerTemplates.createdAt));
}

export async function insertTemplate(s: TenantScope, v: { title: string; text: string }): Promise<string> {
  const [r] = await s
    .insert(networkAnswerTemplates)
    .values(s.withTenant(v))
    .returning({ id: networkAnswerTemplates.id });
  return r!.id;
}

export async function updateTemplateRow(s: TenantScope, id: string, v: { title: string; text: string }) {
  await s
    .update(networkAnswerTemplates)
    .set(v)
    .where(s.owns(networkAnswerTemplates, eq(networkAnswerTemplates.id, id)));
}

export async function deleteTemplateRow(s: TenantScope, id: string) {
  await s
    .delete(networkAnswerTemplates)
    .where(s.owns(networkAnswerTemplates, eq(networkAnswerTemplates.id, id)));
}

const attachmentColumns = {
  id: networkEnquiryAttachments.id,
  enquiryId: networkEnquiryAttachments.enquiryId,
  name: networkEnquiryAttachments.name,
  mime: networkEnquiryAttachments.mime,
  size: networkEnquiryAttachments.size,
  createdAt: networkEnquiryAttachments.createdAt,
};

export async function attachmentRows(s: TenantScope, enquiryIds: string[]): Promise<AttachmentRow[]> {
  if (!enquiryIds.length) return [];
  return s
    .select(attachmentColumns)
    .from(networkEnquiryAttachments)
    .where(s.owns(networkEnquiryAttachments, inArray(networkEnquiryAttachments.enquiryId, enquiryIds)))
    .orderBy(asc(networkEnquiryAttachments.createdAt), asc(networkEnquiryAttachments.name));
}

export async function attachmentRow(s: TenantScope, enquiryId: string, id: string) {
  const [r] = await s
    .select(attachmentColumns)
    .from(networkEnquiryAttachments)
    .where(
      s.owns(
        networkEnquiryAttachments,
        and(eq(networkEnquiryAttachments.enquiryId, enquiryId), eq(networkEnquiryAttachments.id, id)),
      ),
    )
    .limit(1);
  return r ?? null;
}

/** Stores the file row and its parts in one transaction: no statement carries the whole file. */
export async function insertAttachment(
  s: TenantScope,
  v: { enquiryId: string; name: string; mime: string; bytes: Uint8Array },
): Promise<string> {
  return s.transaction(async (tx) => {
    const [row] = await tx
      .insert(networkEnquiryAttachments)
      .values(tx.withTenant({ enquiryId: v.enquiryId, name: v.name, mime: v.mime, size: v.bytes.byteLength }))
      .returning({ id: networkEnquiryAttachments.id });
    for (let seq = 0; seq * ATTACHMENT_PART_BYTES < v.bytes.byteLength; seq++) {
      const part = v.bytes.subarray(seq * ATTACHMENT_PART_BYTES, (seq + 1) * ATTACHMENT_PART_BYTES);
      const content = Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString('base64');
      await tx
        .insert(networkEnquiryAttachmentParts)
        .values(tx.withTenant({ attachmentId: row!.id, seq, content }));
    }
    return row!.id;
  });
}

/** The content, read part by part into one buffer of the file's size. */
export async function attachmentBytes(s: TenantScope, a: { id: string; size: number }): Promise<Uint8Array> {
  const bytes = new Uint8Array(a.size);
  let at = 0;
  for (let seq = 0; at < a.size; seq++) {
    const [p] = await s
      .select({ content: networkEnquiryAttachmentParts.content })
      .from(networkEnquiryAttachmentParts)
      .where(
        s.owns(
          networkEnquiryAttachmentParts,
          eq(networkEnquiryAttachmentParts.attachmentId, a.id),
          eq(networkEnquiryAttachmentParts.seq, seq),
        ),
      )
      .limit(1);
    if (!p) break;
    const part = Buffer.from(p.content, 'base64');
    bytes.set(part.subarray(0, a.size - at), at);
    at += part.byteLength;
  }
  return bytes;
}

export async function deleteAttachmentRow(s: TenantScope, id: string) {
  await s
    .delete(networkEnquiryAttachments)
    .where(s.owns(networkEnquiryAttachments, eq(networkEnquiryAttachments.id, id)));
}
