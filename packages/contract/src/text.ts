import { z } from 'zod';

/**
 * Characters that are invisible or turn the writing direction around (bidi controls such as U+202E,
 * zero-width characters, soft hyphen, control characters). In names and keys they make one name look
 * like another („Trojan Source“), so inputs strip them (imports, with a note) or reject them (forms).
 */
const INVISIBLE_SOURCE =
  '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u206F\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\uFFF9-\\uFFFB]';
const INVISIBLE_ONE = new RegExp(INVISIBLE_SOURCE);
const INVISIBLE_ALL = new RegExp(INVISIBLE_SOURCE, 'g');

const NAMES: Record<number, string> = {
  0x00ad: 'weiches Trennzeichen',
  0x061c: 'arabische Richtungsmarke',
  0x200b: 'Leerzeichen ohne Breite',
  0x200c: 'Bindungsverhinderer ohne Breite',
  0x200d: 'Verbinder ohne Breite',
  0x200e: 'Richtungsmarke links-nach-rechts',
  0x200f: 'Richtungsmarke rechts-nach-links',
  0x202a: 'Einbettung links-nach-rechts',
  0x202b: 'Einbettung rechts-nach-links',
  0x202c: 'Ende der Richtungsformatierung',
  0x202d: 'Erzwingung links-nach-rechts',
  0x202e: 'Umkehrung der Schreibrichtung',
  0x2060: 'Wortverbinder',
  0x2066: 'Isolierung links-nach-rechts',
  0x2067: 'Isolierung rechts-nach-links',
  0x2068: 'Isolierung nach erstem starken Zeichen',
  0x2069: 'Ende der Isolierung',
  0xfeff: 'Byte-Order-Mark / Leerzeichen ohne Breite',
};

const codeOf = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** True when the text holds an invisible or direction-changing character. */
export function hasInvisible(text: string): boolean {
  return INVISIBLE_ONE.test(text);
}

/** „U+202E (Umkehrung der Schreibrichtung), U+200B (Leerzeichen ohne Breite)“ for the distinct characters. */
export function describeInvisible(text: string): string {
  const seen = [...new Set(text.match(INVISIBLE_ALL) ?? [])];
  return seen
    .slice(0, 5)
    .map((c) => {
      const name = NAMES[c.codePointAt(0)!] ?? 'Steuerzeichen';
      return `${codeOf(c)} (${name})`;
    })
    .join(', ')
    .concat(seen.length > 5 ? ` und ${seen.length - 5} weitere` : '');
}

/** The text without invisible and direction-changing characters. */
export function stripInvisible(text: string): string {
  return INVISIBLE_ONE.test(text) ? text.replace(INVISIBLE_ALL, '') : text;
}

/** A form field of names and keys: invisible or direction-changing characters are refused, named. */
export function visibleText<T extends z.ZodString>(schema: T) {
  return schema.refine((s) => !hasInvisible(s), {
    error: (iss) =>
      `Enthält unsichtbare oder die Schreibrichtung ändernde Zeichen: ${describeInvisible(String(iss.input))}. Bitte entfernen Sie sie.`,
  });
}
