import { describe, expect, it } from 'vitest';
import { crsHowSchema, importStatusSchema, periodTypeSchema } from '@dkbm/contract';
import { MESSAGES } from '../i18n/messages';
import { DICT } from './i18n';
import { ASSESSMENT_TEXTS } from './assessment/texts';
import { IMPORT_TEXTS } from './imports/texts';
import { MONITORING_TEXTS } from './monitoring/texts';

/*
 * German mode speaks German: every text of the German dictionaries (strings, nested label tables and
 * the results of text functions called with sample arguments) is searched for English words.
 */

// Words of their own (not inside German words such as „höhere“): Unicode letters around them do not count.
const ENGLISH_WORDS =
  /(?<!\p{L})(the|and|of|with|for|from|is|are|not|this|that|these|please|guessed|declared|given|detected|assumed|chosen|unknown|none|yes|error|loading|saved|failed|success|click|here|select|choose|page|round|rounds|people|settings|search|back|next|previous|show|hide|edit|delete|remove|cancel|close|open|total|value|values|year|years|date|area|areas|level|levels|source|sources)(?!\p{L})/iu;
/** English on purpose: a loanword of German administration, and the YAML words the formula help explains. */
const ALLOWED = /Open Source|previous-year-end|same-year|latest-before|shift: \{ years/;

function texts(value: unknown, path: string, out: Array<[string, string]>, depth = 0): void {
  if (depth > 4) return;
  if (typeof value === 'string') out.push([path, value]);
  else if (typeof value === 'function') {
    for (const args of [
      ['Beispiel', 'Beispiel', 'Beispiel'],
      [2, 3, 4],
      ['Beispiel', 2, 'Beispiel'],
    ]) {
      try {
        const r = (value as (...a: unknown[]) => unknown)(...args);
        if (typeof r === 'string') out.push([`${path}()`, r]);
      } catch {
        // a text function that needs other arguments: its literal parts are covered by the other calls
      }
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) texts(v, `${path}.${k}`, out, depth + 1);
  }
}

describe('German mode has no English leftovers', () => {
  it.each([
    ['workbench', DICT.de],
    ['public portal', MESSAGES.de],
    ['monitoring', MONITORING_TEXTS.de],
    ['imports', IMPORT_TEXTS.de],
    ['self-assessment', ASSESSMENT_TEXTS.de],
  ])('%s', (_name, dict) => {
    const all: Array<[string, string]> = [];
    texts(dict, '', all);
    expect(all.length).toBeGreaterThan(20);
    const english = all
      .filter(([, s]) => ENGLISH_WORDS.test(s.replace(new RegExp(ALLOWED, 'g'), '')))
      .map(([p, s]) => `${p}: ${s}`);
    expect(english).toEqual([]);
  });
});

describe('label tables cover every code the server sends (no raw code such as „guessed“ in the page)', () => {
  it.each(['de', 'en'] as const)('%s', (lang) => {
    const x = IMPORT_TEXTS[lang];
    expect(Object.keys(x.crsHow).toSorted()).toEqual([...crsHowSchema.options].toSorted());
    expect(Object.keys(x.status).toSorted()).toEqual([...importStatusSchema.options].toSorted());
    expect(Object.keys(x.periodTypes).toSorted()).toEqual([...periodTypeSchema.options].toSorted());
    expect(IMPORT_TEXTS.de.crsHow.guessed).toBe('aus den Koordinaten erschlossen');
  });
});
