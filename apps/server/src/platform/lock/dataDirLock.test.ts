import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE } from './dataDirLock';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'dkbm-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** PID of a process that has certainly exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(r.stdout);
}

describe('data folder lock', () => {
  it('refuses a second opener with a bilingual message naming the holder', () => {
    const dir = tmp();
    const lock = acquireDataDirLock(dir, 'server');
    try {
      expect(() => acquireDataDirLock(dir, 'cli backup')).toThrow(DataDirLockedError);
      try {
        acquireDataDirLock(dir, 'cli backup');
      } catch (e) {
        expect((e as Error).message).toContain(`Prozess ${process.pid}`);
        expect((e as Error).message).toContain('already in use');
      }
    } finally {
      lock.release();
    }
    expect(fs.existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    acquireDataDirLock(dir, 'again').release();
  });

  it('takes over the stale lock of a dead process', () => {
    const dir = tmp();
    const stale = {
      pid: deadPid(),
      hostname: os.hostname(),
      startedAt: '2026-01-01T00:00:00.000Z',
      command: 'server',
    };
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(stale));
    const lock = acquireDataDirLock(dir, 'server');
    expect(lock.recoveredStale).toEqual(stale);
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('never takes over a lock held by a live process', () => {
    const dir = tmp();
    // PID 1 always exists.
    const live = {
      pid: 1,
      hostname: os.hostname(),
      startedAt: '2026-01-01T00:00:00.000Z',
      command: 'server',
    };
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(live));
    expect(() => acquireDataDirLock(dir, 'cli')).toThrow(DataDirLockedError);
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(1);
  });

  it('never takes over a lock of another host (shared folder)', () => {
    const dir = tmp();
    const other = {
      pid: deadPid(),
      hostname: 'anderer-rechner',
      startedAt: '2026-01-01T00:00:00.000Z',
      command: 'server',
    };
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify(other));
    expect(() => acquireDataDirLock(dir, 'cli')).toThrow(DataDirLockedError);
  });

  it('treats an old unreadable lock file as stale', () => {
    const dir = tmp();
    const f = path.join(dir, LOCK_FILE);
    fs.writeFileSync(f, '');
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync(f, old, old);
    const lock = acquireDataDirLock(dir, 'server');
    expect(lock.recoveredStale).toBeNull();
    lock.release();
  });
});
