import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeInvisible, hasInvisible, stripInvisible, visibleText } from './text';

describe('invisible and direction-changing characters in names and keys', () => {
  const spoof = 'Musterstadt\u202Etxt.exe';
  it('finds, names and strips them', () => {
    expect(hasInvisible(spoof)).toBe(true);
    expect(hasInvisible('Köln-Mülheim (Ost) – 12,5 %')).toBe(false);
    expect(hasInvisible('Zeile\tmit Tab')).toBe(false);
    expect(stripInvisible('01\u200B001')).toBe('01001');
    expect(stripInvisible(`A\u200DB\u00ADC\uFEFFD\u2066E\u2069\u0007`)).toBe('ABCDE');
    expect(describeInvisible(`${spoof}\u200B\u202E`)).toBe(
      'U+202E (Umkehrung der Schreibrichtung), U+200B (Leerzeichen ohne Breite)',
    );
  });

  it('form fields refuse them with a German message naming the character', () => {
    const r = visibleText(z.string().trim().min(1)).safeParse(spoof);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe(
      'Enthält unsichtbare oder die Schreibrichtung ändernde Zeichen: U+202E (Umkehrung der Schreibrichtung). Bitte entfernen Sie sie.',
    );
    expect(visibleText(z.string()).safeParse('Musterstadt').success).toBe(true);
  });
});
