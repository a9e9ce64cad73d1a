/**
 * Locating the real official data in ../shared/data for `*.data.test.ts` files. In CI (CI=true) a
 * missing folder fails the test run; elsewhere the tests skip with a loud notice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Repository root (packages/domain/src/testing → ../../../..). */
export const REPO_ROOT = path.resolve(here, '..', '..', '..', '..');

export function sharedDataDir(): string {
  return process.env.DKBM_SHARED_DATA ?? path.resolve(REPO_ROOT, '..', 'shared', 'data');
}

/** Absolute path of a file under ../shared/data. */
export function sharedFile(...parts: string[]): string {
  return path.join(sharedDataDir(), ...parts);
}

/** Read a file under ../shared/data as bytes. */
export function readShared(...parts: string[]): Uint8Array {
  return new Uint8Array(fs.readFileSync(sharedFile(...parts)));
}

const isCi = ['true', '1'].includes(String(process.env.CI).toLowerCase());

/** `describe` that needs ../shared/data/<folder>: fails in CI when missing, skips loudly elsewhere. */
export function describeWithData(folder: string, name: string, fn: () => void): void {
  const dir = path.join(sharedDataDir(), folder);
  if (fs.existsSync(dir)) {
    describe(name, fn);
    return;
  }
  if (isCi) {
    describe(name, () => {
      throw new Error(`${dir} fehlt: in CI müssen die Tests auf echten Daten laufen / missing in CI`);
    });
    return;
  }
  console.warn(`\n!!! ÜBERSPRUNGEN / SKIPPED: ${name} – ${dir} fehlt !!!\n`);
  describe.skip(name, fn);
}
