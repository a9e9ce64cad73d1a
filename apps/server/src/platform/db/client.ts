import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { openPgliteThread, type PgliteClient } from './pglite.thread';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A drizzle handle that may be a transaction. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

export type DriverName = 'pglite' | 'postgres';

export interface Database {
  driver: DriverName;
  db: Db;
  /** Raw parameterised query returning rows (used by backup, doctor and tests). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Run one or more SQL statements without parameters. */
  exec(sqlText: string): Promise<void>;
  close(): Promise<void>;
  /** Where the data lives, without secrets. */
  describe(): string;
  /** PGlite in its own worker thread (ADR 0017). */
  pglite?: PgliteClient;
  pool?: pg.Pool;
}

// Keep DATE values as 'YYYY-MM-DD' strings and NUMERIC as exact strings on node-postgres.
pg.types.setTypeParser(1082, (v) => v);

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data directory; undefined = in-memory (tests). */
  pgliteDir?: string | undefined;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  return openPglite(opts.pgliteDir);
}

async function openPglite(dir: string | undefined): Promise<Database> {
  if (dir) fs.mkdirSync(dir, { recursive: true });
  // A laptop-sized buffer pool: PostgreSQL's default 128 MB alone costs ~110 MB of resident memory in WASM.
  const sharedBuffers = process.env.PGLITE_SHARED_BUFFERS ?? '32MB';
  const postgresqlconf = [`shared_buffers=${sharedBuffers}`];
  // PGlite runs in a worker thread so that a long statement does not stop the server (ADR 0017);
  // PGLITE_THREAD=off runs it in this thread (for comparisons and diagnosis only).
  let client: PgliteClient;
  if (process.env.PGLITE_THREAD === 'off') {
    const local = new PGlite(dir ? dir : undefined, { postgresqlconf });
    await local.waitReady;
    client = local as unknown as PgliteClient;
  } else {
    client = await openPgliteThread(dir ? dir : undefined, postgresqlconf);
  }
  const db = drizzlePglite({ client: client as unknown as PGlite, schema }) as unknown as Db;
  return {
    driver: 'pglite',
    db,
    pglite: client,
    async query<T>(text: string, params: unknown[] = []) {
      const r = await client.query<T>(text, params);
      return r.rows;
    },
    async exec(sqlText: string) {
      await client.exec(sqlText);
    },
    async close() {
      if (!client.closed) await client.close();
    },
    describe: () => (dir ? `PGlite (${path.resolve(dir)})` : 'PGlite (in-memory)'),
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection closed by the server (restart, failover, DROP DATABASE … FORCE) must not end the
  // process: the pool drops the client and opens a new one on the next query.
  pool.on('error', (err) => {
    process.emitWarning(`PostgreSQL-Verbindung beendet: ${(err as { code?: string }).code ?? err.message}`);
  });
  // Fail fast with a clear message if the server cannot be reached.
  const c = await pool.connect();
  c.release();
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  const u = new URL(url);
  return {
    driver: 'postgres',
    db,
    pool,
    async query<T>(text: string, params: unknown[] = []) {
      const r = await pool.query(text, params);
      return r.rows as T[];
    },
    async exec(sqlText: string) {
      await pool.query(sqlText);
    },
    async close() {
      await pool.end();
    },
    describe: () => `PostgreSQL (${u.hostname}:${u.port || '5432'}${u.pathname})`,
  };
}

/** Locate the SQL migration folder both from sources and from the bundled dist. */
export function migrationsFolder(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'drizzle');
    if (fs.existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
    const nested = path.join(dir, 'apps', 'server', 'drizzle');
    if (fs.existsSync(path.join(nested, 'meta', '_journal.json'))) return nested;
    dir = path.dirname(dir);
  }
  throw new Error('Migrationsordner nicht gefunden / migrations folder not found');
}

/** Apply pending migrations. On PostgreSQL an advisory lock keeps concurrent starts apart. */
export async function runMigrations(database: Database): Promise<void> {
  const migrationsFolderPath = migrationsFolder();
  if (database.driver === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder: migrationsFolderPath });
    return;
  }
  const pool = database.pool!;
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(74110422)');
    await migratePg(drizzlePg({ client, schema }), { migrationsFolder: migrationsFolderPath });
  } finally {
    await client.query('SELECT pg_advisory_unlock(74110422)').catch(() => undefined);
    client.release();
  }
}
