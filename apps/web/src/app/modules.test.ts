import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../i18n/messages';
import { DICT } from './i18n';
import { MODULES, PLACEHOLDER_MODULES } from './modules';

/*
 * What the README and the public start page promise matches what the workbench has: modules that work
 * are named as available, modules that are placeholders („in Vorbereitung“) only as planned.
 */

const readme = fs.readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
const intro = readme.slice(0, readme.indexOf('## Schnellstart'));
const available = intro.slice(intro.indexOf('**Was es heute gibt:**'), intro.indexOf('**Geplant**'));
const planned = intro.slice(intro.indexOf('**Geplant**'));
/** The German word a module is known by ('Ziele & Empfehlungen' → 'ziele'). */
const stem = (m: (typeof MODULES)[number]) => (DICT.de[m.title] as string).split(/[\s&]+/)[0]!.toLowerCase();

describe('promises in the README and on the public start page', () => {
  it('the README lists the working modules as available and the placeholders only as planned', () => {
    expect(available.length).toBeGreaterThan(0);
    expect(planned.length).toBeGreaterThan(0);
    const working = MODULES.filter((m) => !m.more);
    expect(working.map((m) => m.path)).toEqual(
      expect.arrayContaining([
        'monitoring',
        'selbsteinschaetzung',
        'ziele',
        'berichte',
        'wegweiser',
        'netzwerk',
        'rechtsanspruch',
      ]),
    );
    for (const m of working) expect(available.toLowerCase()).toContain(stem(m));
    for (const m of PLACEHOLDER_MODULES) {
      expect(planned.toLowerCase(), m.path).toContain(stem(m));
      // As a word of its own: „Entwicklungszielen“ of the self-assessment is no promise of a goals module.
      expect(available.toLowerCase(), m.path).not.toMatch(new RegExp(`(^|[^a-zäöüß])${stem(m)}`));
    }
  });

  it('the public start page names no placeholder module as existing', () => {
    for (const lang of ['de', 'en'] as const) {
      const lead = MESSAGES[lang].publicHomeIntro.toLowerCase();
      for (const word of ['netzwerk', 'befragung', 'network', 'survey']) {
        expect(lead, `${lang}: ${word}`).not.toContain(word);
      }
    }
    // The indicator pages exist (issue 13): they are named as existing, not as planned.
    expect(MESSAGES.de.publicHomePlanned).toMatch(/Kennzahlen mit Diagrammen und Karten/);
    expect(MESSAGES.de.publicHomePlanned).not.toMatch(/Vorbereitung/);
  });
});
