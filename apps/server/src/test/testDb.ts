import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { seedDemo } from '../demo/seed';
import { openDatabase, runMigrations, type Database } from '../platform/db/client';
import { cloneTemplatePglite, cloneTemplatePostgres } from './dbTemplate';

/** Which engine the database tests run on: set by the vitest project (db-pglite / db-postgres). */
export const TEST_DRIVER = (process.env.TEST_DB_DRIVER ?? 'pglite') as 'pglite' | 'postgres';

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'TEST_DATABASE_URL ist nicht gesetzt: die PostgreSQL-Datenbanktests brauchen einen Server ' +
        '(siehe README, scripts/pg-test-server.sh).',
    );
  }
  return url;
}

export interface TestDatabase extends Database {
  /** Drops the database (PostgreSQL) or closes it (PGlite). */
  destroy(): Promise<void>;
}

/** A fresh, migrated, empty database on the engine under test. */
export async function createTestDatabase(
  opts: {
    migrate?: boolean;
    /** PGlite in a temporary folder instead of memory: large imports grow files, which memory handles badly. */
    onDisk?: boolean;
    /**
     * With the demo data (`seedDemo`): cloned from the run's seeded template when the vitest project built
     * one (globalSetup.db.ts), otherwise migrated and seeded here.
     */
    seeded?: boolean;
  } = {},
): Promise<TestDatabase> {
  let database: Database;
  let drop: (() => Promise<void>) | null = null;
  const template = opts.seeded && opts.migrate !== false ? providedTemplate() : '';
  if (TEST_DRIVER === 'postgres') {
    const admin = adminUrl();
    const name = `dkbm_t_${crypto.randomBytes(6).toString('hex')}`;
    if (template) await cloneTemplatePostgres(template, name);
    else {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
    }
    const u = new URL(admin);
    u.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: u.toString(), poolSize: 4 });
    drop = async () => {
      const c2 = new pg.Client({ connectionString: admin });
      await c2.connect();
      await c2.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c2.end();
    };
  } else if (template) {
    const dir = cloneTemplatePglite(template);
    database = await openDatabase({ pgliteDir: dir });
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else if (opts.onDisk) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dkbm-pglite-'));
    database = await openDatabase({ pgliteDir: dir });
    drop = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    database = await openDatabase({});
  }
  if (opts.migrate !== false && !template) {
    await runMigrations(database);
    if (opts.seeded) await seedDemo(database.db);
  }
  return Object.assign(database, {
    async destroy() {
      await database.close();
      if (drop) await drop();
    },
  });
}

/** The seeded template this vitest project built for the run, '' when there is none. */
function providedTemplate(): string {
  try {
    return (TEST_DRIVER === 'postgres' ? inject('dbTemplatePostgres') : inject('dbTemplatePglite')) ?? '';
  } catch {
    return ''; // outside a vitest worker
  }
}
