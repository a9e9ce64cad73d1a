import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript module without types
import { engineProblems } from './check-engines.mjs';

const root = new URL('../', import.meta.url);
const read = (file: string) => JSON.parse(fs.readFileSync(new URL(file, root), 'utf8'));

describe('declared Node engines and the dependencies agree', () => {
  it('finds a package that needs a newer Node than declared', () => {
    const lock = {
      packages: {
        '': { engines: { node: '>=20.19' } },
        'node_modules/alt': { version: '1.0.0', engines: { node: '>=18' } },
        'node_modules/neu': { version: '2.0.2', engines: { node: '>=22' } },
        'node_modules/a/node_modules/nanoid': { version: '6.0.2', engines: { node: '^22 || ^24 || >=26' } },
        'node_modules/offen': { version: '1.0.0', engines: { node: '^18 || >=20' } },
        'node_modules/ohne': { version: '1.0.0' },
        'node_modules/binaer': { version: '1.5.1', optional: true, engines: { node: '^22.20 || >=25' } },
      },
    };
    expect(engineProblems(lock, '>=20.19')).toEqual([
      'neu@2.0.2 (verlangt Node >=22)',
      'nanoid@6.0.2 (verlangt Node ^22 || ^24 || >=26)',
    ]);
    expect(engineProblems(lock, '^22 || ^24 || >=26')).toEqual([]);
  });

  it('every package of the lockfile runs on every Node version package.json declares (no EBADENGINE)', () => {
    const pkg = read('package.json') as { engines: { node: string } };
    expect(pkg.engines.node).toBe('^20.19.0 || ^22.12.0 || >=24');
    expect(engineProblems(read('package-lock.json'), pkg.engines.node)).toEqual([]);
  });

  it('the README states the same Node version', () => {
    const readme = fs.readFileSync(new URL('README.md', root), 'utf8');
    expect(readme).toContain('Node.js 20 (ab 20.19), 22 (ab 22.12) oder 24 und neuer');
  });
});
