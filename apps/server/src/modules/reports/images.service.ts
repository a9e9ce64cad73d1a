import { imageSize } from 'image-size';
import type { ReportDetail, ReportImage, Role } from '@dkbm/contract';
import { HttpError, conflict, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { imageBytes, imageRows, insertImage } from './images.repo';
import { getReport } from './reports.service';

/*
 * Images of image blocks: PNG or JPEG, the type read from the content (never from the name or the
 * request), stored tenant-scoped in the database. An image never changes after the upload, so a released
 * report's image block is frozen like its data blocks (ADR 0012).
 */

/** What the outputs need of an image. */
export interface ImageFile {
  mime: ReportImage['mime'];
  width: number;
  height: number;
  bytes: Buffer;
}

const MIME_OF: Record<string, ReportImage['mime']> = { png: 'image/png', jpg: 'image/jpeg' };
const MAX_SIDE = 12000;

/** Type and size of an image from its content; anything but PNG and JPEG is 415. */
export function sniffImage(bytes: Uint8Array): { mime: ReportImage['mime']; width: number; height: number } {
  let found: { type?: string; width?: number; height?: number } | null = null;
  try {
    found = imageSize(bytes);
  } catch {
    found = null;
  }
  const mime = found?.type ? MIME_OF[found.type] : undefined;
  if (!mime || !found?.width || !found.height)
    throw new HttpError(
      415,
      'unsupported_media_type',
      'Die Datei ist kein Bild im Format PNG oder JPEG. Bitte laden Sie ein PNG- oder JPEG-Bild hoch.',
      { field: 'file' },
    );
  if (found.width > MAX_SIDE || found.height > MAX_SIDE)
    throw new HttpError(400, 'bad_request', `Das Bild ist größer als ${MAX_SIDE} Pixel an einer Seite.`, {
      field: 'file',
    });
  return { mime, width: found.width, height: found.height };
}

const toDto = (r: {
  id: string;
  mime: string;
  size: number;
  width: number;
  height: number;
}): ReportImage => ({
  id: r.id,
  mime: r.mime as ReportImage['mime'],
  size: r.size,
  width: r.width,
  height: r.height,
});

/** Uploads an image to a draft the caller may read (404 otherwise, 409 once released). */
export async function addReportImage(
  s: TenantScope,
  reportId: string,
  bytes: Uint8Array,
  role: Role,
  userId: string | null,
): Promise<ReportImage> {
  const report = await getReport(s, reportId, role, userId);
  if (report.status === 'approved' || report.status === 'published')
    throw conflict('Der Bericht ist freigegeben und kann nicht mehr geändert werden.');
  const kind = sniffImage(bytes);
  const id = await insertImage(s, { reportId, ...kind, bytes });
  return toDto({ id, size: bytes.byteLength, ...kind });
}

/** An image of the report (uploaded to it or shown by one of its blocks); 404 otherwise. */
export async function reportImageFile(
  s: TenantScope,
  reportId: string,
  imageId: string,
  role: Role,
  userId: string | null,
): Promise<ImageFile> {
  const report = await getReport(s, reportId, role, userId);
  const shown = report.chapters.some((c) => c.blocks.some((b) => b.imageId === imageId));
  const [row] = await imageRows(s, [imageId]);
  if (!row || (row.reportId !== reportId && !shown)) throw notFound('Das Bild');
  return { ...toDto(row), bytes: await imageBytes(s, row) };
}

/** The images of a report's image blocks, for the outputs (HTML, PDF, DOCX). */
export async function imagesOfReport(s: TenantScope, report: ReportDetail): Promise<Map<string, ImageFile>> {
  const ids = report.chapters.flatMap((c) => c.blocks.flatMap((b) => (b.imageId ? [b.imageId] : [])));
  const out = new Map<string, ImageFile>();
  for (const row of await imageRows(s, [...new Set(ids)]))
    out.set(row.id, { ...toDto(row), bytes: await imageBytes(s, row) });
  return out;
}
