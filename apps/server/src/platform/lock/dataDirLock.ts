import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'dkbm.lock';

export interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
  command: string;
}

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(
    readonly dir: string,
    readonly holder: LockInfo,
  ) {
    super(
      `Der Datenordner ${dir} wird bereits von Prozess ${holder.pid} (${holder.command}, seit ${holder.startedAt}) verwendet. ` +
        `Ein zweiter Zugriff würde die eingebettete Datenbank beschädigen. Beenden Sie den anderen Prozess oder führen Sie den Befehl ` +
        `über den laufenden Server aus.\n` +
        `The data folder ${dir} is already in use by process ${holder.pid} (${holder.command}, since ${holder.startedAt}). ` +
        `A second opener would corrupt the embedded database. Stop the other process first.`,
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
    return typeof info.pid === 'number' ? info : null;
  } catch {
    return null; // unreadable or half-written lock: treated as stale below
  }
}

export interface DataDirLock {
  file: string;
  info: LockInfo;
  /** True when a stale lock of a dead process was taken over. */
  recoveredStale: LockInfo | null;
  release(): void;
}

/**
 * Take the exclusive lock of a PGlite data folder. PGlite has no lock between processes, and two
 * processes on one folder corrupt it for good, so every opener (server and CLI) goes through here.
 * The lock file is created with O_EXCL; a lock whose process no longer exists on this host is stale
 * and is taken over under a recovery mutex so that two recovering processes cannot both win.
 */
export function acquireDataDirLock(dir: string, command: string): DataDirLock {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  const info: LockInfo = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    command,
  };
  let recoveredStale: LockInfo | null = null;

  for (let attempt = 0; attempt < 30; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o644);
      fs.writeSync(fd, JSON.stringify(info));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        const current = readLock(file);
        if (current && current.pid === info.pid && current.startedAt === info.startedAt) {
          try {
            fs.unlinkSync(file);
          } catch {
            /* already gone */
          }
        }
        process.off('exit', release);
      };
      process.on('exit', release);
      return { file, info, recoveredStale, release };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = readLock(file);
    if (!holder) {
      // Possibly being written right now by its owner: only a lock unreadable for 2 s is stale.
      const age = Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0);
      if (age < 2_000) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
        continue;
      }
    }
    if (holder && holder.hostname !== os.hostname()) {
      // Another machine (shared folder): we cannot check its process, so never take it over.
      throw new DataDirLockedError(dir, holder);
    }
    if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
      throw new DataDirLockedError(dir, holder);
    }
    if (holder && holder.pid === process.pid) {
      throw new DataDirLockedError(dir, holder);
    }
    // Stale: take it over under a short-lived recovery mutex (mkdir is atomic), re-checking that the
    // lock file still holds the same dead process, so two recovering processes cannot both win.
    const mutex = `${file}.recover`;
    try {
      fs.mkdirSync(mutex);
    } catch {
      const age = Date.now() - (fs.statSync(mutex, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 10_000) fs.rmSync(mutex, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
      continue;
    }
    try {
      const again = readLock(file);
      if (JSON.stringify(again) === JSON.stringify(holder)) {
        fs.rmSync(file, { force: true });
        recoveredStale = holder;
      }
    } finally {
      fs.rmSync(mutex, { recursive: true, force: true });
    }
  }
  throw new Error(`Sperre ${file} konnte nicht übernommen werden / could not acquire lock`);
}
