/** Magic-byte sniffing of binary uploads. */

export type BinaryKind = 'zip' | 'png' | 'jpeg' | 'gif' | 'pdf' | 'xls' | 'gzip';

const MAGIC: Array<[BinaryKind, number[]]> = [
  ['zip', [0x50, 0x4b, 0x03, 0x04]],
  ['zip', [0x50, 0x4b, 0x05, 0x06]], // empty zip
  ['png', [0x89, 0x50, 0x4e, 0x47]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38]],
  ['pdf', [0x25, 0x50, 0x44, 0x46]],
  ['xls', [0xd0, 0xcf, 0x11, 0xe0]], // OLE2 (old .xls)
  ['gzip', [0x1f, 0x8b]],
];

export function sniffBinary(bytes: Uint8Array): BinaryKind | null {
  for (const [kind, sig] of MAGIC) {
    if (sig.every((b, i) => bytes[i] === b)) return kind;
  }
  return null;
}

export const BINARY_NAMES: Record<BinaryKind, string> = {
  zip: 'ZIP-Archiv',
  png: 'PNG-Bild',
  jpeg: 'JPEG-Bild',
  gif: 'GIF-Bild',
  pdf: 'PDF-Dokument',
  xls: 'Excel-97-Arbeitsmappe (.xls)',
  gzip: 'gzip-Archiv',
};
