import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as root from '@dkbm/contract';

/*
 * Each module's contract is its own subpath (`@dkbm/contract/assessment`, …) and the root export
 * still re-exports all of them: every source file has a subpath, and every subpath gives the same
 * objects as the root.
 */

const pkg = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, string>;
};
const sources = fs
  .readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts')
  .map((f) => f.replace(/\.ts$/, ''));

describe('contract exports', () => {
  it('every contract file is a subpath export, and the root re-exports each of them', () => {
    const subpaths = Object.keys(pkg.exports).filter((k) => k !== '.');
    expect(subpaths.toSorted()).toEqual(sources.map((s) => `./${s}`).toSorted());
    const index = fs.readFileSync(new URL('./index.ts', import.meta.url), 'utf8');
    for (const s of sources) expect(index, s).toContain(`export * from './${s}';`);
  });

  it.each(sources)('@dkbm/contract/%s gives the same objects as the root export', async (name) => {
    const sub = (await import(`@dkbm/contract/${name}`)) as Record<string, unknown>;
    expect(Object.keys(sub).length).toBeGreaterThan(0);
    for (const [key, value] of Object.entries(sub))
      expect((root as Record<string, unknown>)[key], key).toBe(value);
  });
});
