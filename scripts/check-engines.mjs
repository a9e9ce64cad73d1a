// Checks that every package of package-lock.json runs on every Node version package.json declares
// ("engines"): npm would otherwise print EBADENGINE warnings on `npm ci`, and a package could stop
// working on the oldest Node we promise. Exit code 1 with the list of packages, else 0.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Packages whose `engines.node` does not cover the declared range, as „name@version (verlangt …)“.
 * `lock` is the parsed package-lock.json (lockfileVersion 3), `declared` e.g. "^20.19.0 || >=22.12.0".
 */
export function engineProblems(lock, declared) {
  const problems = [];
  for (const [key, entry] of Object.entries(lock.packages ?? {})) {
    const wanted = entry.engines?.node;
    // Optional packages (platform binaries) whose engines do not fit are skipped by npm, without warning.
    if (!key || !wanted || entry.link || entry.optional) continue;
    const range = semver.validRange(wanted, { loose: true });
    // Every Node version we declare must satisfy the package's range.
    if (!range || !semver.subset(declared, range, { loose: true })) {
      const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
      problems.push(`${name}@${entry.version} (verlangt Node ${wanted})`);
    }
  }
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  const declared = pkg.engines?.node;
  if (!declared) {
    console.error('package.json nennt keine Node-Version unter "engines".');
    process.exit(1);
  }
  const problems = engineProblems(lock, declared);
  if (problems.length) {
    console.error(
      `Diese Pakete laufen nicht auf jeder Node-Version, die package.json zusagt (${declared}):\n` +
        problems.map((p) => `  ${p}`).join('\n') +
        '\nAbhilfe: eine ältere Version unter "overrides" in package.json festlegen oder "engines" anheben.',
    );
    process.exit(1);
  }
  console.log(`Alle Pakete laufen auf Node ${declared}.`);
}
