// A migrated database with the demo data, built once per vitest run (globalSetup) and cloned for every
// test file that asks for the demo: seeding takes ~10 s per file, cloning well under one second.
// PostgreSQL: `CREATE DATABASE … TEMPLATE`; PGlite: a closed data directory copied to a fresh folder.
// The clone holds exactly what `createTestDatabase()` + `seedDemo()` would write in the same run.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { seedDemo } from '../demo/seed';
import { openDatabase, runMigrations } from '../platform/db/client';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Name of the seeded PostgreSQL template database of this run ('' = none). */
    dbTemplatePostgres: string;
    /** Data directory of the seeded PGlite template of this run ('' = none). */
    dbTemplatePglite: string;
  }
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL ist nicht gesetzt (siehe README, scripts/pg-test-server.sh).');
  return url;
}

async function adminQuery(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Builds the seeded template; returns its name/folder and a function that removes it. */
export async function buildTemplate(
  driver: 'pglite' | 'postgres',
): Promise<{ ref: string; remove: () => Promise<void> }> {
  if (driver === 'postgres') {
    const name = `dkbm_tpl_${crypto.randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const u = new URL(adminUrl());
    u.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: u.toString(), poolSize: 2 });
    try {
      await runMigrations(database);
      await seedDemo(database.db);
    } finally {
      await database.close();
    }
    return { ref: name, remove: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dkbm-pglite-tpl-'));
  const database = await openDatabase({ pgliteDir: dir });
  try {
    await runMigrations(database);
    await seedDemo(database.db);
  } finally {
    await database.close();
  }
  return { ref: dir, remove: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** PostgreSQL: a new database cloned from the template (retries while another clone reads it). */
export async function cloneTemplatePostgres(template: string, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      return;
    } catch (e) {
      // 55006: "source database is being accessed by other users" – a concurrent clone; try again.
      if ((e as { code?: string }).code !== '55006' || attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

/** PGlite: a copy of the template's data directory in a fresh temporary folder. */
export function cloneTemplatePglite(templateDir: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dkbm-pglite-'));
  fs.cpSync(templateDir, dir, { recursive: true });
  return dir;
}
