// Shared helpers of the benchmarks: options, ports, process memory, the PostgreSQL to measure on, output.
// Benchmarks print their report to standard output (it is their result, not a log).
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Print report lines. */
export function say(...lines) {
  process.stdout.write(lines.join(' ') + '\n');
}

/** A notice nobody can overlook (a skipped part, a missed precondition). */
export function banner(text) {
  const line = '!'.repeat(Math.min(100, text.length + 8));
  say(`\n${line}\n!!! ${text} !!!\n${line}\n`);
}

/**
 * `--name value` or `--name=value` (through `npm run bench`, use `--name=value` for values that are not
 * numbers: scripts/bench.mjs takes other bare words for benchmark names).
 */
export function arg(name, dflt) {
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (eq) return eq.slice(name.length + 3);
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
}

export const freePort = () =>
  new Promise((res) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });

/** A memory figure of a live process from /proc (VmRSS now, VmHWM peak so far), in MB; 0 once it has gone. */
export function procMb(pid, field = 'VmRSS') {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)[1]) / 1024;
  } catch {
    return 0;
  }
}

/**
 * The PostgreSQL to measure on: TEST_DATABASE_URL, else a server already listening on PG_TEST_PORT
 * (54329), else one started with scripts/pg-test-server.sh (`started: true`); null when none is available.
 */
export async function postgresUrl() {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL, started: false };
  const { default: pg } = await import('pg');
  const port = process.env.PG_TEST_PORT ?? '54329';
  const candidate = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const c = new pg.Client({ connectionString: candidate, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return { url: candidate, started: false };
  } catch {
    // not running: start the throw-away server below
  }
  try {
    const out = execFileSync(path.join(root, 'scripts/pg-test-server.sh'), ['start'], { encoding: 'utf8' });
    const url = /TEST_DATABASE_URL=(\S+)/.exec(out)?.[1];
    return url ? { url, started: true } : null;
  } catch {
    return null;
  }
}
