import type { AnswerTemplate, EnquiryAttachment } from '@dkbm/contract';
import { MAX_ENQUIRY_ATTACHMENT_BYTES } from '@dkbm/contract';
import { HttpError, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { evidenceType } from '../assessment/answers.service';
import { getEnquiry } from './enquiries.service';
import {
  attachmentBytes,
  attachmentRow,
  deleteAttachmentRow,
  deleteTemplateRow,
  insertAttachment,
  insertTemplate,
  templateRows,
  updateTemplateRow,
} from './enquiryFiles.repo';

/* Answer templates of the enquiry log and the files attached to an answer. */

const toTemplate = (t: { id: string; title: string; text: string }): AnswerTemplate => ({
  id: t.id,
  title: t.title,
  text: t.text,
});

export async function listAnswerTemplates(s: TenantScope): Promise<AnswerTemplate[]> {
  return (await templateRows(s)).map(toTemplate);
}

async function getAnswerTemplate(s: TenantScope, id: string): Promise<AnswerTemplate> {
  const [t] = await templateRows(s, id);
  if (!t) throw notFound('Die Antwortvorlage');
  return toTemplate(t);
}

export async function createAnswerTemplate(s: TenantScope, v: { title: string; text: string }) {
  return getAnswerTemplate(s, await insertTemplate(s, v));
}

export async function updateAnswerTemplate(s: TenantScope, id: string, v: { title: string; text: string }) {
  await getAnswerTemplate(s, id);
  await updateTemplateRow(s, id, v);
  return getAnswerTemplate(s, id);
}

export async function deleteAnswerTemplate(s: TenantScope, id: string): Promise<void> {
  await getAnswerTemplate(s, id);
  await deleteTemplateRow(s, id);
}

/** 404 for an unknown enquiry or one of another tenant, before anything about an upload. */
export async function assertEnquiry(s: TenantScope, enquiryId: string): Promise<void> {
  await getEnquiry(s, enquiryId);
}

/**
 * Attaches a file to the answer: PDF, image or office document, checked by extension and content (the
 * self-assessment's evidence rule), at most MAX_ENQUIRY_ATTACHMENT_BYTES.
 */
export async function addEnquiryAttachment(
  s: TenantScope,
  enquiryId: string,
  file: { name: string; bytes: Uint8Array },
): Promise<EnquiryAttachment> {
  await assertEnquiry(s, enquiryId);
  if (file.bytes.byteLength > MAX_ENQUIRY_ATTACHMENT_BYTES) {
    throw new HttpError(413, 'too_large', 'Die Datei ist größer als 10 MB.', { field: 'file' });
  }
  if (!file.bytes.byteLength)
    throw new HttpError(400, 'empty_file', 'Die Datei ist leer.', { field: 'file' });
  const name = file.name.replace(/[\\/\r\n"]/g, '_').slice(0, 200) || 'anlage';
  const mime = evidenceType(name, file.bytes);
  if (!mime) {
    throw new HttpError(
      415,
      'unsupported_type',
      `„${name.slice(0, 80)}“: Als Anlage sind PDF-Dateien, Bilder (PNG, JPEG, GIF, WebP) und Office-Dokumente (Word, Excel, PowerPoint, OpenDocument) möglich.`,
      { field: 'file' },
    );
  }
  const id = await insertAttachment(s, { enquiryId, name, mime, bytes: file.bytes });
  return { id, name, mime, size: file.bytes.byteLength };
}

async function attachmentOf(s: TenantScope, enquiryId: string, attachmentId: string) {
  await assertEnquiry(s, enquiryId);
  const a = await attachmentRow(s, enquiryId, attachmentId);
  if (!a) throw notFound('Die Anlage');
  return a;
}

export async function enquiryAttachmentFile(s: TenantScope, enquiryId: string, attachmentId: string) {
  const a = await attachmentOf(s, enquiryId, attachmentId);
  return { name: a.name, mime: a.mime, bytes: await attachmentBytes(s, a) };
}

export async function deleteEnquiryAttachment(s: TenantScope, enquiryId: string, attachmentId: string) {
  await attachmentOf(s, enquiryId, attachmentId);
  await deleteAttachmentRow(s, attachmentId);
}
