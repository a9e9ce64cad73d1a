import type { Config } from './config/config';
import { pgliteDirOf } from './config/config';
import { openDatabase, runMigrations, type Database } from './db/client';
import { acquireDataDirLock, type DataDirLock } from './lock/dataDirLock';

export interface Runtime {
  database: Database;
  lock: DataDirLock | null;
  close(): Promise<void>;
}

/**
 * Open the configured database. For PGlite the data folder is locked first: a second process
 * gets DataDirLockedError and never touches the files.
 */
export async function openRuntime(
  config: Config,
  command: string,
  opts: { migrate?: boolean } = {},
): Promise<Runtime> {
  const lock = config.databaseUrl ? null : acquireDataDirLock(config.dataDir, command);
  let database: Database;
  try {
    database = await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: pgliteDirOf(config.dataDir),
    });
    if (opts.migrate !== false) await runMigrations(database);
  } catch (e) {
    lock?.release();
    throw e;
  }
  let closed = false;
  return {
    database,
    lock,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await database.close();
      } finally {
        lock?.release();
      }
    },
  };
}
