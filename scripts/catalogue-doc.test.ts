import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AREA_LEVEL_LABELS, INDICATOR_TIER_LABELS, INDICATOR_TOPIC_LABELS } from '@dkbm/contract';
// @ts-expect-error plain JavaScript module without types
import * as doc from './catalogue-doc.mjs';

const { CATALOGUE_FILE, DOC_FILE, LEVEL_LABELS, TIER_LABELS, TOPIC_LABELS, renderCatalogueDoc } = doc;

const catalogueText = fs.readFileSync(CATALOGUE_FILE, 'utf8');

describe('docs/catalogue.md is generated from the catalogue file', () => {
  it('is up to date (otherwise: node scripts/catalogue-doc.mjs)', () => {
    expect(fs.readFileSync(DOC_FILE, 'utf8')).toBe(renderCatalogueDoc(catalogueText));
  });

  it('follows a change of the catalogue', () => {
    const changed = catalogueText.replace('name: { de: Bevölkerungsdichte,', 'name: { de: Einwohnerdichte,');
    expect(changed).not.toBe(catalogueText);
    const md = renderCatalogueDoc(changed);
    expect(md).toContain('### Einwohnerdichte');
    expect(md).not.toBe(fs.readFileSync(DOC_FILE, 'utf8'));
  });

  it('lists every indicator with code and every source with its download address', () => {
    const md = renderCatalogueDoc(catalogueText);
    const codes = [...catalogueText.matchAll(/^ {2}- code: (\S+)$/gm)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThanOrEqual(30);
    for (const code of codes) expect(md).toContain(`\`${code}\` · `);
    expect(md).toContain(
      '- **Herunterladen:** <https://www.regionalstatistik.de/genesis/online?operation=table&code=22543-01-02-4>',
    );
  });

  it('uses the labels of the contract', () => {
    expect(TOPIC_LABELS).toEqual(
      Object.fromEntries(Object.entries(INDICATOR_TOPIC_LABELS).map(([k, v]) => [k, v.de])),
    );
    expect(TIER_LABELS).toEqual(
      Object.fromEntries(Object.entries(INDICATOR_TIER_LABELS).map(([k, v]) => [k, v.de])),
    );
    expect(LEVEL_LABELS).toEqual(
      Object.fromEntries(Object.entries(AREA_LEVEL_LABELS).map(([k, v]) => [k, v.de])),
    );
  });
});
