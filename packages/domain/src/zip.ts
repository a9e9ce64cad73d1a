/**
 * Reading ZIP archives without letting one file take the server down (zip bombs): entries are inflated
 * as streams, fed in small slices, with the declared sizes checked before inflating and the real sizes
 * counted while inflating. Limits per entry, in total and on the compression ratio; a breach stops at
 * once with a German message naming the entry (ADR 0005).
 */
import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';

export interface ZipLimits {
  /** Largest uncompressed size of one entry (bytes). */
  maxEntryBytes: number;
  /** Largest uncompressed size of all read entries together (bytes). */
  maxTotalBytes: number;
  /** Largest compression ratio of an entry larger than 1 MiB (text compresses ~10:1, zeros ~1000:1). */
  maxRatio: number;
}

const MiB = 1024 * 1024;
export const ZIP_LIMITS: ZipLimits = { maxEntryBytes: 256 * MiB, maxTotalBytes: 512 * MiB, maxRatio: 200 };
/** Compressed bytes fed to the inflater at once: bounds what one step can produce (deflate ≤ 1032:1). */
const SLICE = 16 * 1024;

const mb = (n: number) => new Intl.NumberFormat('de-DE', { maximumFractionDigits: 0 }).format(n / MiB);

/** The ZIP error as an import file error (file, code, German and English text). */
export function zipErrorArgs(e: ZipLimitError, file: string) {
  return {
    code: e.code,
    file: e.entry ? `${file}/${e.entry}` : file,
    de: e.message,
    en:
      e.code === 'zip_broken'
        ? 'Broken zip archive.'
        : 'The zip archive is too large when unpacked or compressed too strongly (zip bomb protection).',
  };
}

export class ZipLimitError extends Error {
  constructor(
    readonly code: 'zip_entry_too_large' | 'zip_total_too_large' | 'zip_ratio' | 'zip_broken',
    readonly entry: string,
    message: string,
  ) {
    super(message);
    this.name = 'ZipLimitError';
  }
}

export interface ZipRead {
  /** Every entry name of the archive, in order (also the ones not read). */
  names: string[];
  /** Contents of the entries `want` chose (omitted when `keep` is false). */
  entries: Record<string, Uint8Array>;
}

/**
 * Reads the entries `want` chooses (default: all). With `keep: false` the entries are inflated and
 * counted but not kept — a check before handing the archive to a library that unzips on its own.
 */
export function readZip(
  bytes: Uint8Array,
  options: {
    want?: (name: string) => boolean;
    keep?: boolean;
    /** Keep only the first `head` bytes of each entry and stop inflating it there (detection). */
    head?: number;
    limits?: Partial<ZipLimits>;
  } = {},
): ZipRead {
  const limits = { ...ZIP_LIMITS, ...options.limits };
  const want = options.want ?? (() => true);
  const keep = options.keep ?? true;
  const names: string[] = [];
  const entries: Record<string, Uint8Array> = {};
  let total = 0;
  const tooLarge = (name: string, size: number) =>
    new ZipLimitError(
      'zip_entry_too_large',
      name,
      `Die Datei „${name}“ im ZIP-Archiv ist entpackt ${mb(size)} MB groß oder größer; erlaubt sind höchstens ${mb(limits.maxEntryBytes)} MB. Es wurde nichts übernommen.`,
    );
  const totalTooLarge = (name: string) =>
    new ZipLimitError(
      'zip_total_too_large',
      name,
      `Das ZIP-Archiv ist entpackt größer als ${mb(limits.maxTotalBytes)} MB (bei „${name}“). Es wurde nichts übernommen.`,
    );
  const ratio = (name: string) =>
    new ZipLimitError(
      'zip_ratio',
      name,
      `Die Datei „${name}“ im ZIP-Archiv ist ungewöhnlich stark gepackt (mehr als ${limits.maxRatio}:1) und wird nicht entpackt (Schutz vor ZIP-Bomben). Es wurde nichts übernommen.`,
    );
  if (!hasEndRecord(bytes)) {
    throw new ZipLimitError(
      'zip_broken',
      '',
      'Das ZIP-Archiv ist beschädigt oder abgeschnitten (kein Inhaltsverzeichnis am Ende).',
    );
  }
  // Errors are recorded in the callbacks and thrown between slices (fflate swallows what they throw).
  let failure: ZipLimitError | null = null;
  // Compressed bytes pushed so far (after the current slice): an upper bound of what an entry consumed,
  // so the ratio below is never overestimated, also for archives without sizes in their headers.
  let pushed = 0;
  const unzip = new Unzip((file: UnzipFile) => {
    names.push(file.name);
    if (failure || !want(file.name)) return;
    // Declared sizes first (honest archives stop here without inflating anything).
    if (file.originalSize !== undefined) {
      if (file.originalSize > limits.maxEntryBytes) failure = tooLarge(file.name, file.originalSize);
      else if (total + file.originalSize > limits.maxTotalBytes) failure = totalTooLarge(file.name);
      else if (file.size && file.originalSize > MiB && file.originalSize / file.size > limits.maxRatio) {
        failure = ratio(file.name);
      }
      if (failure) return;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    const startedAt = Math.max(0, pushed - SLICE);
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) {
        failure = new ZipLimitError(
          'zip_broken',
          file.name,
          `Das ZIP-Archiv ist beschädigt („${file.name}“).`,
        );
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (size > limits.maxEntryBytes) failure = tooLarge(file.name, size);
      else if (total > limits.maxTotalBytes) failure = totalTooLarge(file.name);
      else if (size > MiB && size / Math.max(1, file.size ?? pushed - startedAt) > limits.maxRatio) {
        failure = ratio(file.name);
      }
      if (failure) {
        file.terminate();
        return;
      }
      if (keep) chunks.push(chunk);
      if (keep && options.head !== undefined && size >= options.head && !final) {
        entries[file.name] = concat(chunks, size).subarray(0, options.head);
        file.terminate();
        return;
      }
      if (final && keep) {
        const all = concat(chunks, size);
        entries[file.name] = options.head === undefined ? all : all.subarray(0, options.head);
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let i = 0; i < bytes.length; i += SLICE) {
      pushed = Math.min(bytes.length, i + SLICE);
      unzip.push(bytes.subarray(i, pushed), pushed >= bytes.length);
      // Set by the callbacks during the push.
      if ((failure as ZipLimitError | null) !== null) break;
    }
    if (bytes.length === 0) unzip.push(bytes, true);
  } catch (e) {
    failure ??= new ZipLimitError(
      'zip_broken',
      names.at(-1) ?? '',
      `Das ZIP-Archiv ist beschädigt und lässt sich nicht entpacken${e instanceof Error && e.message ? ` (${e.message.slice(0, 80)})` : ''}.`,
    );
  }
  if (failure) throw failure;
  return { names, entries };
}

/** A complete archive ends with the end-of-central-directory record (within the last 64 KiB + 22 bytes). */
function hasEndRecord(bytes: Uint8Array): boolean {
  const stop = Math.max(0, bytes.length - 65_557);
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06)
      return true;
  }
  return false;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
